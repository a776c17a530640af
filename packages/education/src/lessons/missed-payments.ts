import type { Lesson } from '../lesson/lesson';

/** What follows a missed payment, and how an early, honest conversation with the lender changes it. */
export const missedPayments: Lesson = {
  id: 'missed_payments',
  version: 1,
  text: {
    en: {
      title: 'When a payment is missed: what happens and how to talk to your bank early',
      summary:
        'A missed payment brings fees and can show on your credit report. Talking to your lender before the due date, with a clear picture of what you can pay, gives you the most options.',
      sections: [
        {
          id: 'what-happens',
          heading: 'What happens after a missed payment',
          paragraphs: [
            'When a payment does not arrive by the due date, the account becomes overdue. Most lenders charge a late fee, and interest keeps running on the unpaid amount.',
            'Lenders report repayment history to credit bureaus. A late payment can appear on your credit report, and a longer delay usually does more harm than a short one.',
            'The lender will also contact you, by message, phone or letter, and sometimes in person. Staff must say who they are and why they are contacting you, and they must treat you with respect.',
          ],
        },
        {
          id: 'talk-early',
          heading: 'Talk to your lender early',
          paragraphs: [
            'The best time to tell your lender is before the due date, as soon as you know a payment will be hard. At that point the most options are still open.',
            'Use the phone number on your card, statement or the lender’s official app. Never use a number from an unexpected message.',
            'Lenders see many customers whose income changes. Saying early that you are struggling is not a failure: it helps the lender find an arrangement that works for both of you.',
          ],
        },
        {
          id: 'prepare',
          heading: 'Prepare for the conversation',
          paragraphs: [
            'Before you call, write down your monthly income, your essential costs and your other debts. The difference tells you what you can afford each month.',
            'Explain what changed, for example a job loss, an illness or fewer hours, and whether you expect it to last.',
            'Ask what the lender can offer. Options can include moving the due date, a short break, smaller payments for a while, or a longer plan with lower instalments.',
          ],
        },
        {
          id: 'agreement',
          heading: 'Agree only what you can keep',
          paragraphs: [
            'Promise only what you can really pay. A smaller promise that you keep is better for you than a larger one that breaks.',
            'When you agree a new arrangement, get the agreement in writing: the amounts, the dates and what happens to fees and interest.',
            'Keep a note of every conversation, with the date, the name of the person and what was agreed. If your situation changes again, contact the lender before the next payment is due.',
          ],
        },
        {
          id: 'safety',
          heading: 'Stay safe',
          paragraphs: [
            'Your lender will give you its official ways to pay. Be wary of anyone who asks you to pay into a personal account or to send a payment code. Check with the lender first.',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'talk-early',
          prompt: 'When is the best time to tell your lender that a payment will be hard?',
          choices: ['Before the due date', 'After a few missed payments', 'Only when the lender calls you'],
          answer: 0,
          keyPhrase: 'before the due date',
        },
        {
          id: 'q2',
          sectionId: 'agreement',
          prompt: 'What should you promise your lender?',
          choices: ['The largest amount they ask for', 'Only what you can really pay', 'Nothing at all'],
          answer: 1,
          keyPhrase: 'only what you can really pay',
        },
        {
          id: 'q3',
          sectionId: 'agreement',
          prompt: 'You have agreed a new arrangement. What should you ask for?',
          choices: ['A new card', 'A lower credit limit', 'The agreement in writing'],
          answer: 2,
          keyPhrase: 'agreement in writing',
        },
      ],
    },
    'zh-CN': {
      title: '错过还款后会怎样，以及如何尽早和银行沟通',
      summary:
        '错过还款会产生费用，还可能记入信用报告。在到期日之前、带着清楚的收支情况和贷款机构沟通，你的选择最多。',
      sections: [
        {
          id: 'what-happens',
          heading: '错过还款后会发生什么',
          paragraphs: [
            '到期日没有按时还款，账户就会逾期。大多数贷款机构会收取逾期费用，没还的部分也会继续计息。',
            '贷款机构会把还款记录报送给征信机构。逾期可能出现在你的信用报告上，逾期时间越长，影响通常越大。',
            '贷款机构还会通过短信、电话或信件联系你，有时也会上门。工作人员必须表明身份和来意，并且尊重你。',
          ],
        },
        {
          id: 'talk-early',
          heading: '尽早和贷款机构沟通',
          paragraphs: [
            '告诉贷款机构的最好时机是在到期日之前，一旦知道还款有困难就联系。这时可选的办法最多。',
            '请使用银行卡、账单或贷款机构官方应用上的电话号码。不要拨打陌生短信里给的号码。',
            '贷款机构见过很多收入变化的客户。尽早说明困难并不丢脸，这能帮助贷款机构找到双方都可行的安排。',
          ],
        },
        {
          id: 'prepare',
          heading: '沟通前做好准备',
          paragraphs: [
            '打电话之前，写下每月收入、必要开支和其他欠款。两者之差就是你每月能负担的金额。',
            '说明发生了什么变化，比如失业、生病或工作时间减少，以及预计会持续多久。',
            '问问贷款机构能提供哪些办法。可能包括调整还款日、短期暂缓、一段时间内少还一些，或者延长期限、降低每期还款额。',
          ],
        },
        {
          id: 'agreement',
          heading: '只答应做得到的事',
          paragraphs: [
            '只承诺你真正还得起的金额。金额小但能做到的承诺，比金额大却做不到的承诺更好。',
            '和贷款机构达成新的安排后，要拿到书面协议，写明金额、日期以及费用和利息怎么处理。',
            '每次沟通都记下日期、对方姓名和约定的内容。如果情况又有变化，请在下一期还款之前联系贷款机构。',
          ],
        },
        {
          id: 'safety',
          heading: '注意安全',
          paragraphs: [
            '贷款机构会告诉你官方的还款方式。如果有人让你把钱转到个人账户，或者索要验证码，请先向贷款机构核实。',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'talk-early',
          prompt: '还款有困难时，什么时候告诉贷款机构最好？',
          choices: ['在到期日之前', '逾期几次以后', '只在贷款机构打电话来的时候'],
          answer: 0,
          keyPhrase: '到期日之前',
        },
        {
          id: 'q2',
          sectionId: 'agreement',
          prompt: '应该向贷款机构承诺什么？',
          choices: ['对方要求的最高金额', '你真正还得起的金额', '什么都不承诺'],
          answer: 1,
          keyPhrase: '真正还得起的金额',
        },
        {
          id: 'q3',
          sectionId: 'agreement',
          prompt: '达成新的还款安排后，应该要求什么？',
          choices: ['一张新卡', '降低信用额度', '拿到书面协议'],
          answer: 2,
          keyPhrase: '书面协议',
        },
      ],
    },
  },
};
