/**
 * Cities where ASEAN meetings are held, with the Vietnamese spellings news
 * agencies use, and the catalog party each lies in. The catalog has no
 * places; this list only serves drafting (`location.city`), and a city not
 * in it is simply not drafted.
 */
export interface Place {
  /** The English name a record uses (`location.city`). */
  name: string;
  /** Canonical catalog party name of the country. */
  country: string;
  aliases: readonly string[];
}

export const PLACES: readonly Place[] = [
  { name: 'Ha Noi', country: 'Viet Nam', aliases: ['Hà Nội', 'Hanoi', 'Ha Noi'] },
  { name: 'Ho Chi Minh City', country: 'Viet Nam', aliases: ['Thành phố Hồ Chí Minh', 'TP Hồ Chí Minh', 'TP.HCM', 'Ho Chi Minh City'] },
  { name: 'Da Nang', country: 'Viet Nam', aliases: ['Đà Nẵng', 'Da Nang'] },
  { name: 'Vientiane', country: 'Lao PDR', aliases: ['Viêng Chăn', 'Vientiane'] },
  { name: 'Luang Prabang', country: 'Lao PDR', aliases: ['Luông Pha-bang', 'Luang Prabang'] },
  { name: 'Bangkok', country: 'Thailand', aliases: ['Băng Cốc', 'Bangkok'] },
  { name: 'Phnom Penh', country: 'Cambodia', aliases: ['Phnôm Pênh', 'Phnom Penh', 'Nông Pênh'] },
  { name: 'Siem Reap', country: 'Cambodia', aliases: ['Xiêm Riệp', 'Siem Reap'] },
  { name: 'Jakarta', country: 'Indonesia', aliases: ['Gia-các-ta', 'Jakarta'] },
  { name: 'Bali', country: 'Indonesia', aliases: ['Ba-li', 'Bali'] },
  { name: 'Kuala Lumpur', country: 'Malaysia', aliases: ['Cu-a-la Lăm-pơ', 'Kuala Lumpur'] },
  { name: 'Manila', country: 'Philippines', aliases: ['Ma-ni-la', 'Manila'] },
  { name: 'Singapore', country: 'Singapore', aliases: ['Singapore', 'Xin-ga-po'] },
  { name: 'Bandar Seri Begawan', country: 'Brunei Darussalam', aliases: ['Ban-đa Xê-ri Bê-ga-oan', 'Bandar Seri Begawan'] },
  { name: 'Nay Pyi Taw', country: 'Myanmar', aliases: ['Nay Pyi Taw', 'Naypyidaw', 'Nây Pi Tô'] },
  { name: 'Yangon', country: 'Myanmar', aliases: ['Yangon', 'Y-an-gun'] },
  { name: 'Dili', country: 'Timor-Leste', aliases: ['Đi-li', 'Dili'] },
  { name: 'Tokyo', country: 'Japan', aliases: ['Tokyo', 'Tô-ky-ô', 'Tô-ki-ô'] },
  { name: 'Beijing', country: 'China', aliases: ['Bắc Kinh', 'Beijing'] },
  { name: 'Seoul', country: 'Republic of Korea', aliases: ['Xơ-un', 'Seoul'] },
  { name: 'Busan', country: 'Republic of Korea', aliases: ['Bu-san', 'Busan'] },
  { name: 'New Delhi', country: 'India', aliases: ['Niu Đê-li', 'New Delhi'] },
  { name: 'Canberra', country: 'Australia', aliases: ['Can-bê-ra', 'Canberra'] },
  { name: 'Melbourne', country: 'Australia', aliases: ['Men-bơn', 'Melbourne'] },
  { name: 'Wellington', country: 'New Zealand', aliases: ['Oen-linh-tơn', 'Wellington'] },
  { name: 'Moscow', country: 'Russia', aliases: ['Mát-xcơ-va', 'Moscow'] },
  { name: 'Washington', country: 'United States', aliases: ['Oa-sinh-tơn', 'Washington'] },
  { name: 'New York', country: 'United States', aliases: ['New York', 'Niu Oóc', 'Niu-oóc'] },
  { name: 'London', country: 'United Kingdom', aliases: ['Luân Đôn', 'London'] },
  { name: 'Brussels', country: 'European Union', aliases: ['Brúc-xen', 'Brussels'] },
  { name: 'Ottawa', country: 'Canada', aliases: ['Ốt-ta-oa', 'Ottawa'] },
  { name: 'Mexico City', country: 'Mexico', aliases: ['Thành phố Mexico', 'Mexico City'] },
];
