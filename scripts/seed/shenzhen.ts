/**
 * The demo city: Shenzhen, where the bank in the source article has its head office. District centres
 * are approximate public coordinates; the spread is how far from the centre homes are scattered (km).
 * Risk scores are synthetic, chosen so that outer industrial districts read riskier than the centre.
 */
export interface District {
  id: string;
  name: string;
  lat: number;
  lon: number;
  spreadKm: number;
  riskScore: number;
  /** Share of the demo portfolio living here. */
  weight: number;
}

export const shenzhenDistricts: readonly District[] = [
  {
    id: 'futian',
    name: 'Futian 福田区',
    lat: 22.541,
    lon: 114.055,
    spreadKm: 3.0,
    riskScore: 0.25,
    weight: 0.14,
  },
  {
    id: 'luohu',
    name: 'Luohu 罗湖区',
    lat: 22.548,
    lon: 114.131,
    spreadKm: 2.8,
    riskScore: 0.35,
    weight: 0.1,
  },
  {
    id: 'nanshan',
    name: 'Nanshan 南山区',
    lat: 22.533,
    lon: 113.93,
    spreadKm: 4.0,
    riskScore: 0.2,
    weight: 0.14,
  },
  {
    id: 'yantian',
    name: 'Yantian 盐田区',
    lat: 22.557,
    lon: 114.237,
    spreadKm: 2.5,
    riskScore: 0.3,
    weight: 0.03,
  },
  {
    id: 'baoan',
    name: "Bao'an 宝安区",
    lat: 22.555,
    lon: 113.883,
    spreadKm: 6.0,
    riskScore: 0.5,
    weight: 0.2,
  },
  {
    id: 'longgang',
    name: 'Longgang 龙岗区',
    lat: 22.721,
    lon: 114.247,
    spreadKm: 6.5,
    riskScore: 0.55,
    weight: 0.18,
  },
  {
    id: 'longhua',
    name: 'Longhua 龙华区',
    lat: 22.657,
    lon: 114.03,
    spreadKm: 4.5,
    riskScore: 0.45,
    weight: 0.12,
  },
  {
    id: 'pingshan',
    name: 'Pingshan 坪山区',
    lat: 22.69,
    lon: 114.346,
    spreadKm: 3.5,
    riskScore: 0.6,
    weight: 0.04,
  },
  {
    id: 'guangming',
    name: 'Guangming 光明区',
    lat: 22.748,
    lon: 113.936,
    spreadKm: 3.5,
    riskScore: 0.5,
    weight: 0.03,
  },
  {
    id: 'dapeng',
    name: 'Dapeng 大鹏新区',
    lat: 22.593,
    lon: 114.479,
    spreadKm: 4.0,
    riskScore: 0.4,
    weight: 0.02,
  },
];

export const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '郑',
];
export const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '志强',
  '建华',
  '晓东',
];
