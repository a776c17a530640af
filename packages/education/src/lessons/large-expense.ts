import type { Lesson } from '../lesson/lesson';

/** Saving towards a known large cost so that it does not become the next missed payment. */
export const largeExpense: Lesson = {
  id: 'large_expense',
  version: 1,
  text: {
    en: {
      title: 'Planning for a large expense',
      summary:
        'School fees, a wedding, a repair or a festival can cost more than a month’s income. Planning ahead turns a big bill into small monthly steps.',
      sections: [
        {
          id: 'name-it',
          heading: 'Name the cost and the date',
          paragraphs: [
            'Write down what the expense is, roughly how much it will cost and when you will need the money. A cost with a date is easier to plan than a worry.',
            'If you are not sure of the amount, ask for prices from two or three places, and add a little for things you did not expect.',
          ],
        },
        {
          id: 'monthly-steps',
          heading: 'Turn it into monthly steps',
          paragraphs: [
            'Divide the cost by the number of months until you need it. That is your monthly saving goal. For example, 6,000 needed in 12 months means 500 a month.',
            'If the monthly amount is more than you can set aside, you have three choices: save for longer, spend less on the item, or find part of the money elsewhere. Decide now, not in the last month.',
            'Move the monthly amount on the day your income arrives, before other spending.',
          ],
        },
        {
          id: 'keep-apart',
          heading: 'Keep the savings apart',
          paragraphs: [
            'Keep this money in a separate account, or at least a separate envelope, with the name of the goal on it. Money that is mixed with everyday spending tends to disappear.',
            'This saving is not your buffer for thin months. If you have to use it for an emergency, restart the plan with the new numbers rather than giving up.',
          ],
        },
        {
          id: 'borrowing',
          heading: 'If you think about borrowing',
          paragraphs: [
            'Borrowing for a planned cost means paying for it later, with interest. Saving first is almost always cheaper.',
            'If you do borrow, compare the total amount you will repay and the length of the loan, not only the monthly payment. A small monthly payment over a long time can cost much more.',
            'While you are repaying a plan or are behind on a payment, avoid taking on new credit. Talk to your lender first: a new debt can make the existing plan harder to keep.',
          ],
        },
        {
          id: 'check-progress',
          heading: 'Check your progress',
          paragraphs: [
            'Once a month, look at how much you have saved and how many months are left. If you are behind, adjust early: a small change now is easier than a large one later.',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'monthly-steps',
          prompt: 'You need 6,000 in 12 months. How much should you set aside each month?',
          choices: ['500 a month', '300 a month', '1,000 a month'],
          answer: 0,
          keyPhrase: '500 a month',
        },
        {
          id: 'q2',
          sectionId: 'keep-apart',
          prompt: 'Where should the savings for the expense be kept?',
          choices: [
            'Mixed with your everyday money',
            'In a separate account or envelope',
            'Lent to a friend until you need it',
          ],
          answer: 1,
          keyPhrase: 'separate account',
        },
        {
          id: 'q3',
          sectionId: 'borrowing',
          prompt: 'You are repaying a plan with your lender. What should you do before taking on new credit?',
          choices: [
            'Apply to several lenders at once',
            'Use a cash advance on a card',
            'Talk to your lender first',
          ],
          answer: 2,
          keyPhrase: 'talk to your lender first',
        },
      ],
    },
    'zh-CN': {
      title: '为一笔大额开支做计划',
      summary:
        '学费、婚礼、修房子或过节，花费可能超过一个月的收入。提前计划，能把一大笔账单变成每月的小目标。',
      sections: [
        {
          id: 'name-it',
          heading: '写下花费和时间',
          paragraphs: [
            '写下这笔开支是什么、大概要多少钱、什么时候需要用钱。有了金额和日期，就比一直担心更容易计划。',
            '如果不确定金额，可以问两三个地方的价格，再多留一点钱应对意外。',
          ],
        },
        {
          id: 'monthly-steps',
          heading: '分成每月的小目标',
          paragraphs: [
            '用总花费除以距离用钱还有几个月，就是每月要存的钱。例如，十二个月后需要六千元，就是每月存五百元。',
            '如果每月的金额超出了你能存下的钱，有三种选择：存更长时间、少花一些，或者从别处筹到一部分。现在就决定，不要等到最后一个月。',
            '每月收入一到账，就先把这笔钱转出来，再安排其他开支。',
          ],
        },
        {
          id: 'keep-apart',
          heading: '把这笔钱单独存放',
          paragraphs: [
            '把这笔钱存进单独的账户，至少也要放进单独的信封，并写上目标的名字。和日常花销混在一起的钱，往往不知不觉就花掉了。',
            '这笔钱不是应对收入少的月份的备用金。如果遇到急事不得不动用，就按新的数字重新计划，而不是放弃。',
          ],
        },
        {
          id: 'borrowing',
          heading: '如果想借钱来付',
          paragraphs: [
            '为计划内的开支借钱，等于以后再付钱，还要加上利息。先存钱几乎总是更省钱。',
            '如果确实要借，要比较一共要还多少钱和借多长时间，而不只是每月还多少。每月还得少但期限很长，总成本可能高得多。',
            '正在按计划还款或者有逾期时，尽量不要再借新的贷款。请先和贷款机构沟通，新的欠款可能让现有的还款计划更难坚持。',
          ],
        },
        {
          id: 'check-progress',
          heading: '定期检查进度',
          paragraphs: [
            '每个月看一看已经存了多少、还剩几个月。如果进度落后，就尽早调整：现在的小调整，比以后的大调整容易。',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'monthly-steps',
          prompt: '十二个月后需要六千元，每月应该存多少？',
          choices: ['每月存五百元', '每月存三百元', '每月存一千元'],
          answer: 0,
          keyPhrase: '每月存五百元',
        },
        {
          id: 'q2',
          sectionId: 'keep-apart',
          prompt: '为这笔开支存的钱应该放在哪里？',
          choices: ['和日常用的钱放在一起', '存进单独的账户或信封', '先借给朋友，需要时再要回来'],
          answer: 1,
          keyPhrase: '单独的账户',
        },
        {
          id: 'q3',
          sectionId: 'borrowing',
          prompt: '正在按计划还款时，想再借新的贷款，应该先做什么？',
          choices: ['同时向几家机构申请', '用信用卡取现', '先和贷款机构沟通'],
          answer: 2,
          keyPhrase: '先和贷款机构沟通',
        },
      ],
    },
  },
};
