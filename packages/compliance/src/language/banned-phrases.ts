/**
 * Words a bank must never put in front of a customer: threats, shaming, false legal claims and
 * disclosure to others. Every text Doorstep shows a customer (lessons today; message templates when
 * they come) is checked against the list of the tenant's pack, and the built-in catalogue against all
 * of them, since one lesson serves every pack.
 *
 * A phrase is matched as written, case-insensitively, on word boundaries for Latin script and as a
 * plain substring for Chinese (which has no spaces between words). Phrases are the speech acts to
 * forbid, not topics: a lesson may explain that illegal lenders threaten people, but no text may say
 * "you will be arrested".
 */
export type BannedPhraseCategory = 'threat' | 'shaming' | 'false-legal-claim' | 'disclosure' | 'pressure';

export interface BannedPhrase {
  phrase: string;
  category: BannedPhraseCategory;
  /** The rule or guideline it would break, for the person who meets the lint error. */
  why: string;
}

const phrases = (category: BannedPhraseCategory, why: string, list: readonly string[]): BannedPhrase[] =>
  list.map((phrase) => ({ phrase, category, why }));

/** What every pack forbids, in English and Chinese. */
const COMMON: readonly BannedPhrase[] = [
  ...phrases('threat', 'No threat of arrest, prison or violence in any jurisdiction', [
    'you will be arrested',
    'you will go to jail',
    'you will go to prison',
    'police will come',
    'we know where you live',
    '抓你',
    '坐牢',
    '拘留你',
    '后果自负',
    '走着瞧',
  ]),
  ...phrases('shaming', 'No insult or public shaming of a customer', [
    'deadbeat',
    'shame on you',
    'you should be ashamed',
    'irresponsible borrower',
    '老赖',
    '丢人',
    '不要脸',
  ]),
  ...phrases('disclosure', 'The debt is never disclosed to family, neighbours, employers or contacts', [
    'we will tell your family',
    'we will tell your employer',
    'we will contact your employer',
    'we will call your contacts',
    'tell your neighbours',
    '通知你的家人',
    '通知你的单位',
    '告诉你的邻居',
    '爆通讯录',
    '曝光你',
  ]),
  ...phrases('false-legal-claim', 'No invented legal consequence or authority', [
    'owing money is a crime',
    'criminal record for debt',
    'we are the police',
    'court order has been issued',
    '欠钱是犯罪',
    '征信黑名单',
    '法院已经立案',
    '立即起诉你',
  ]),
  ...phrases('pressure', 'No false urgency or pressure to borrow elsewhere to pay', [
    'pay now or else',
    'last chance',
    'borrow from friends to pay',
    'take a payday loan',
    '最后通牒',
    '借钱也要还',
    '去借网贷来还',
  ]),
];

/**
 * Per pack, the common list plus what its rules add: Reg F forbids implying government affiliation
 * or wage garnishment not intended (12 CFR 1006.18); RBI forbids intimidation of referees and
 * humiliation; the FCA forbids misleading claims about enforcement agents (bailiffs); the CBA
 * guideline forbids contacting unrelated third parties and hinting at a criminal case.
 */
export const BANNED_PHRASES_BY_PACK: Readonly<Record<'cn' | 'us' | 'in' | 'uk', readonly BannedPhrase[]>> = {
  cn: [
    ...COMMON,
    ...phrases('false-legal-claim', 'CBA 2026 guideline: no claim of criminal liability for a civil debt', [
      '你涉嫌诈骗',
      '追究你的刑事责任',
      '公安已经介入',
    ]),
  ],
  us: [
    ...COMMON,
    ...phrases('false-legal-claim', 'Reg F 12 CFR 1006.18: no false representation of legal action', [
      'garnish your wages',
      'seize your property',
      'we are a government agency',
    ]),
  ],
  in: [
    ...COMMON,
    ...phrases('disclosure', 'RBI 2022-23/108: no harassment of family, referees or friends', [
      'we will visit your referees',
      'inform your relatives',
      'contact your referees',
    ]),
  ],
  uk: [
    ...COMMON,
    ...phrases('false-legal-claim', 'FCA CONC 7.9 and 7.12: no misleading claims about enforcement', [
      'bailiffs are on their way',
      'bailiffs will take your belongings',
      'we will take your home',
    ]),
  ],
};

/** Every pack's phrases once each: what a text shown in any pack must avoid. */
export const ALL_BANNED_PHRASES: readonly BannedPhrase[] = [
  ...new Map(
    Object.values(BANNED_PHRASES_BY_PACK)
      .flat()
      .map((entry) => [entry.phrase.toLowerCase(), entry]),
  ).values(),
];

const HAN = /\p{Script=Han}/u;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const matcherOf = (phrase: string): RegExp =>
  HAN.test(phrase)
    ? new RegExp(escapeRegExp(phrase), 'u')
    : // Latin phrases match whole words, so "last chance" does not fire inside "at last chancellor".
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(phrase).replace(/ +/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'iu');

const matchers = new Map<string, RegExp>();

/**
 * The banned phrases a text contains.
 *
 * @example
 * findBannedPhrases('Pay now or else.', BANNED_PHRASES_BY_PACK.us) // [{ phrase: 'pay now or else', … }]
 */
export function findBannedPhrases(text: string, list: readonly BannedPhrase[]): BannedPhrase[] {
  return list.filter((entry) => {
    let matcher = matchers.get(entry.phrase);
    if (matcher === undefined) {
      matcher = matcherOf(entry.phrase);
      matchers.set(entry.phrase, matcher);
    }
    return matcher.test(text);
  });
}
