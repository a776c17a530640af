import type { Lesson } from '../lesson/lesson';

/** How a card statement turns into interest and fees, and why the minimum payment is a slow way out. */
export const cardCosts: Lesson = {
  id: 'card_costs',
  version: 1,
  text: {
    en: {
      title: 'How interest, fees and minimum payments work on a card',
      summary:
        'A card is cheapest when the full statement balance is paid by the due date. Paying only the minimum keeps the account in order but makes the debt last much longer.',
      sections: [
        {
          id: 'statement',
          heading: 'Read your statement',
          paragraphs: [
            'Each month your card statement shows three numbers that matter: the statement balance, the minimum payment and the due date.',
            'The statement balance is everything you owed on the statement date. The minimum payment is the smallest amount you must pay by the due date to avoid a late fee. The due date is the last day the payment counts as on time.',
            'The statement also shows the interest rate for purchases and, often, a higher rate for cash withdrawals. Your card terms explain how each one is worked out.',
          ],
        },
        {
          id: 'interest',
          heading: 'When interest is charged',
          paragraphs: [
            'If you pay the full statement balance by the due date, most cards charge no interest on purchases. This interest-free period is the main way to use a card cheaply.',
            'If you pay less than the full balance, interest is charged on what is left, and on many cards it is counted from the date of each purchase. Your card terms say exactly how.',
            'Cash withdrawals usually cost more. A fee is often charged at once, and interest usually starts on the day you take the cash, with no interest-free period.',
          ],
        },
        {
          id: 'fees',
          heading: 'Fees to watch',
          paragraphs: [
            'A late payment fee is charged when less than the minimum arrives by the due date. Other common fees are for cash withdrawals, spending in another currency and, on some cards, going over the credit limit.',
            'Fees and interest are added to the balance. Next month, interest can be charged on them too, so a missed payment costs more than the fee alone.',
            'If you are struggling, ask your lender whether fees can be reduced or stopped while you repay. The answer depends on the lender, but asking costs nothing.',
          ],
        },
        {
          id: 'minimum',
          heading: 'Why the minimum payment is slow',
          paragraphs: [
            'The minimum payment is usually a small share of the balance plus interest and fees. Paying it keeps your account in good standing, but most of each payment goes on interest.',
            'Here is a simple example. Take a balance of 10,000 at an interest rate of 18% a year. Paying a minimum of 3% of the balance each month, it takes about ten years to clear and costs close to 7,800 in interest.',
            'Paying a fixed 500 a month on the same balance clears it in about two years, with about 2,000 in interest. Paying more than the minimum, even a little, saves money.',
          ],
        },
        {
          id: 'habits',
          heading: 'Habits that keep card costs low',
          paragraphs: [
            'Set up an automatic payment of at least the minimum, so a busy week never makes you late. Pay more by hand when you can.',
            'Avoid cash withdrawals on a card. Keep your spending well under the limit, and stop using the card while you are paying down a balance you cannot clear in one go.',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'interest',
          prompt: 'When do most cards charge no interest on purchases?',
          choices: [
            'When you pay the minimum payment',
            'When you pay the full statement balance by the due date',
            'When you pay a few days after the due date',
          ],
          answer: 1,
          keyPhrase: 'full statement balance by the due date',
        },
        {
          id: 'q2',
          sectionId: 'interest',
          prompt: 'What usually happens when you withdraw cash with a card?',
          choices: [
            'A fee is often charged and interest usually starts on the day you take the cash',
            'It is free if you repay within a month',
            'It is cheaper than paying by card in a shop',
          ],
          answer: 0,
          keyPhrase: 'on the day you take the cash',
        },
        {
          id: 'q3',
          sectionId: 'minimum',
          prompt: 'What does paying more than the minimum each month do?',
          choices: [
            'It lowers your credit limit',
            'It has no effect on what you pay',
            'Even a little more saves money',
          ],
          answer: 2,
          keyPhrase: 'saves money',
        },
      ],
    },
    'zh-CN': {
      title: '信用卡的利息、费用和最低还款',
      summary: '在到期还款日前还清账单全额，用卡成本最低。只还最低还款额虽然不算逾期，但欠款会拖得很久。',
      sections: [
        {
          id: 'statement',
          heading: '读懂你的账单',
          paragraphs: [
            '每个月的信用卡账单上有三个重要数字：账单金额、最低还款额和到期还款日。',
            '账单金额是账单日那天你欠的全部款项。最低还款额是为了不被收取滞纳金，到期还款日前至少要还的钱。到期还款日是还款仍算按时的最后一天。',
            '账单上还写着消费的利率，取现的利率通常更高。每一项怎么计算，都写在你的信用卡章程和合同里。',
          ],
        },
        {
          id: 'interest',
          heading: '什么时候会收利息',
          paragraphs: [
            '如果在到期还款日前还清账单全额，大多数信用卡的消费不收利息。这段免息期是低成本用卡的关键。',
            '如果只还了一部分，没还的部分就要计息，很多信用卡从每笔消费的记账日开始计算。具体算法以你的信用卡合同为准。',
            '取现通常更贵。取现时往往要先付一笔手续费，而且通常从取现当天开始计息，没有免息期。',
          ],
        },
        {
          id: 'fees',
          heading: '需要留意的费用',
          paragraphs: [
            '到期还款日前还款不足最低还款额，会被收取违约金或滞纳金。其他常见费用包括取现手续费、外币消费的货币转换费，有的卡还有超限费。',
            '费用和利息会计入欠款。下个月，这些费用本身也可能被计息，所以一次逾期的代价不只是那一笔费用。',
            '如果还款有困难，可以问问银行在你还款期间能否减免或停收部分费用。能不能办要看银行的规定，但问一问不会有损失。',
          ],
        },
        {
          id: 'minimum',
          heading: '为什么只还最低还款额很慢',
          paragraphs: [
            '最低还款额通常是欠款的一小部分，再加上利息和费用。按时还最低还款额不算逾期，但每次还款大部分都用来付了利息。',
            '举个简单的例子：欠款一万元，年利率18%，每月只还欠款的3%，大约要十年才能还清，利息接近七千八百元。',
            '同样的欠款，每月固定还五百元，大约两年就能还清，利息约两千元。每月比最低还款额多还一点，就能省钱。',
          ],
        },
        {
          id: 'habits',
          heading: '让用卡成本保持在低位的习惯',
          paragraphs: [
            '设置自动还款，至少还最低还款额，这样再忙也不会逾期。有余力时再手动多还一些。',
            '尽量不要用信用卡取现。消费额度远低于信用额度为好；如果欠款一次还不清，还款期间先停用这张卡。',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'interest',
          prompt: '什么情况下，大多数信用卡的消费不收利息？',
          choices: ['只还最低还款额', '在到期还款日前还清账单全额', '在到期还款日后几天内还款'],
          answer: 1,
          keyPhrase: '还清账单全额',
        },
        {
          id: 'q2',
          sectionId: 'interest',
          prompt: '用信用卡取现通常会怎样？',
          choices: [
            '往往先收手续费，而且通常从取现当天开始计息',
            '一个月内还上就免费',
            '比在商店刷卡消费更便宜',
          ],
          answer: 0,
          keyPhrase: '从取现当天开始计息',
        },
        {
          id: 'q3',
          sectionId: 'minimum',
          prompt: '每月比最低还款额多还一点，会有什么效果？',
          choices: ['信用额度会降低', '对要付的钱没有影响', '就能省钱'],
          answer: 2,
          keyPhrase: '就能省钱',
        },
      ],
    },
  },
};
