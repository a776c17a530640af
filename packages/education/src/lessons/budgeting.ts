import type { Lesson } from '../lesson/lesson';

/** For customers whose pay comes by the job, the season or commission (hardship `irregular_income`). */
export const budgeting: Lesson = {
  id: 'budgeting',
  version: 1,
  text: {
    en: {
      title: 'Budgeting when your income changes from month to month',
      summary:
        'If your pay goes up and down, a plan built on your lowest month and a small buffer makes bills and repayments easier to meet.',
      sections: [
        {
          id: 'floor-income',
          heading: 'Start from your lowest month',
          paragraphs: [
            'When you are paid by the job, by the season or by commission, no two months look the same. A budget built on an average month fails in a thin month, because the bills arrive either way.',
            'Look back over the last six to twelve months and find your lowest month. Plan your regular spending around what you earned then. We call this amount your floor income.',
            'Anything you earn above the floor is extra. Do not spend it in advance: it goes to your buffer first, and then to your other goals.',
          ],
        },
        {
          id: 'essentials',
          heading: 'List what must be paid',
          paragraphs: [
            'Write down the costs that come every month: rent, food, electricity and water, transport, school costs, medicine and your loan repayments. These are your essentials.',
            'Then list the costs that come a few times a year, such as insurance or school fees. Divide each one by the number of months until it is due, and set that amount aside every month.',
            'If your essentials cost more than your floor income, it is better to know this early. It is the moment to ask your lender for a repayment plan that fits, not a reason to borrow more.',
          ],
        },
        {
          id: 'buffer',
          heading: 'Keep a buffer for thin months',
          paragraphs: [
            'A buffer is money kept aside for one purpose: to pay your essentials in a month when income falls below your floor. Aim first for one month of essentials, then for three.',
            'In a good month, move the extra into the buffer on the day the money arrives, before it gets spent. Keep it in a separate account or envelope so that it is not used by accident.',
            'In a thin month, take out only what your essentials need. Refill the buffer when your income recovers.',
          ],
        },
        {
          id: 'steady-pay',
          heading: 'Pay yourself a steady amount',
          paragraphs: [
            'Some people with changing income pay everything they earn into one account. Each month they move a fixed amount, equal to their floor income, into the account they spend from, like a salary.',
            'If your repayment date comes before your money usually arrives, ask your lender whether the date can move. Many lenders can change a due date, and a date that matches your income makes a late payment less likely.',
          ],
        },
        {
          id: 'review',
          heading: 'Check and adjust each month',
          paragraphs: [
            'At the end of each month, compare what you planned with what happened. Where you spent more than planned, decide whether the plan or the habit should change.',
            'Small, regular checks work better than a perfect plan made once. After a few months your floor, your essentials and your buffer will feel familiar.',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'floor-income',
          prompt: 'Which income should your regular spending plan be built on?',
          choices: [
            'Your best month of the year',
            'Your lowest month of the last six to twelve',
            'What you hope to earn next month',
          ],
          answer: 1,
          keyPhrase: 'lowest month',
        },
        {
          id: 'q2',
          sectionId: 'buffer',
          prompt: 'What is the buffer for?',
          choices: [
            'Paying essentials in a month when income falls below your floor',
            'Buying things that are on sale',
            'Paying off a loan early',
          ],
          answer: 0,
          keyPhrase: 'income falls below your floor',
        },
        {
          id: 'q3',
          sectionId: 'steady-pay',
          prompt:
            'Your repayment date comes before your money usually arrives. What can you ask your lender?',
          choices: ['To stop all payments', 'For a new loan to cover the gap', 'Whether the date can move'],
          answer: 2,
          keyPhrase: 'whether the date can move',
        },
      ],
    },
    'zh-CN': {
      title: '收入不固定时如何做预算',
      summary: '如果每个月的收入时多时少，按收入最低的月份安排开支，再留出一笔备用金，按时还款会容易得多。',
      sections: [
        {
          id: 'floor-income',
          heading: '从收入最低的月份算起',
          paragraphs: [
            '如果你按单计酬、做季节性工作或者靠提成，每个月的收入都不一样。按“平均月份”做的预算，到了收入少的月份就会失灵，因为账单并不会因此减少。',
            '翻看过去六到十二个月的收入，找出收入最低的那个月。以那个月的收入来安排日常开支。我们把这个数额叫作“保底收入”。',
            '超出保底收入的部分是额外收入。不要提前花掉它：先放进备用金，再用于其他目标。',
          ],
        },
        {
          id: 'essentials',
          heading: '列出必须支付的开支',
          paragraphs: [
            '写下每个月都要付的钱：房租、伙食、水电、交通、孩子上学、看病买药，以及贷款还款。这些是必要开支。',
            '再列出一年只付几次的开支，比如保险费或学费。把每一笔除以距离付款还有几个月，每个月先存出这部分钱。',
            '如果必要开支超过了保底收入，越早知道越好。这时应该找贷款机构商量一个付得起的还款计划，而不是再去借钱。',
          ],
        },
        {
          id: 'buffer',
          heading: '为收入少的月份准备备用金',
          paragraphs: [
            '备用金是专门留出来的钱，只有一个用途：在收入低于保底收入的月份支付必要开支。先攒够一个月的必要开支，再慢慢攒到三个月。',
            '收入好的月份，钱一到账就把多出来的部分转进备用金，趁它还没被花掉。把备用金放在单独的账户或信封里，免得不小心用掉。',
            '收入少的月份，只取出支付必要开支所需的钱。收入恢复以后，再把备用金补上。',
          ],
        },
        {
          id: 'steady-pay',
          heading: '每月给自己“发工资”',
          paragraphs: [
            '有些收入不固定的人，会把所有收入都存进一个账户。每个月再从这个账户转一笔固定金额到日常花销的账户，就像领工资一样，这笔金额就是保底收入。',
            '如果还款日总是在收入到账之前，可以问问贷款机构能否调整还款日。很多贷款机构可以调整还款日，和收入时间相符的还款日能减少逾期。',
          ],
        },
        {
          id: 'review',
          heading: '每月检查和调整',
          paragraphs: [
            '每个月底，比较一下计划和实际花费。哪一项花多了，就想一想是计划需要改，还是习惯需要改。',
            '小而经常的检查，比一次做出“完美”的计划更有用。坚持几个月，你就会熟悉自己的保底收入、必要开支和备用金。',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'floor-income',
          prompt: '日常开支应该按哪一种收入来安排？',
          choices: ['一年中收入最高的月份', '过去六到十二个月中收入最低的那个月', '你希望下个月能赚到的钱'],
          answer: 1,
          keyPhrase: '收入最低的那个月',
        },
        {
          id: 'q2',
          sectionId: 'buffer',
          prompt: '备用金是用来做什么的？',
          choices: ['在收入低于保底收入的月份支付必要开支', '买打折的商品', '提前还清贷款'],
          answer: 0,
          keyPhrase: '收入低于保底收入的月份',
        },
        {
          id: 'q3',
          sectionId: 'steady-pay',
          prompt: '还款日总是在收入到账之前，可以向贷款机构提出什么？',
          choices: ['停止所有还款', '再借一笔钱来填补空缺', '能否调整还款日'],
          answer: 2,
          keyPhrase: '能否调整还款日',
        },
      ],
    },
  },
};
