import type { Lesson } from '../lesson/lesson';

/**
 * Hardship options and the customer's rights. The rights differ by pack, so each pack has its own
 * section; those that name contact hours state them, and the lint holds them to the pack's defaults.
 */
export const hardshipSupport: Lesson = {
  id: 'hardship_support',
  version: 1,
  text: {
    en: {
      title: 'Help when you are in financial difficulty, and your rights',
      summary:
        'If illness, job loss or another change makes repayments hard, lenders have ways to help. Here is what to ask for, what to expect and the rules collectors must follow.',
      sections: [
        {
          id: 'options',
          heading: 'What help can look like',
          paragraphs: [
            'Lenders can often change how you repay when your situation changes. Common options are a new due date, smaller payments for a few months, a short break in payments, or a longer plan with lower instalments.',
            'Some lenders can also reduce or stop fees and interest while you repay. What is offered depends on the lender and on your situation.',
            'A good plan is one you can keep. It should leave enough for rent, food, bills and other essentials.',
          ],
        },
        {
          id: 'asking',
          heading: 'How to ask for help',
          paragraphs: [
            'Contact your lender as soon as you know there is a problem. Explain what happened and how long you expect it to last.',
            'Have your monthly income and essential costs ready. Documents such as a medical note or a letter from your employer can help, but you can ask for help before you have them.',
            'Ask for any new arrangement in writing, and keep a copy.',
          ],
        },
        {
          id: 'fair-treatment',
          heading: 'What you can expect',
          paragraphs: [
            'Staff who contact you must say who they are and why they are calling. They must be polite, and they must not threaten or insult you.',
            'Your debt is private. It must not be discussed with your family, neighbours or employer without your consent.',
            'You can ask a person you trust, or a free debt adviser, to help you deal with your lender.',
          ],
        },
        {
          id: 'rights-cn',
          jurisdictions: ['cn'],
          states: { contactHours: { from: '08:00', to: '22:00' } },
          heading: 'Your rights in China',
          paragraphs: [
            'Collection calls and visits are not allowed between 22:00 and 08:00 unless you have agreed. They may happen only between 08:00 and 22:00.',
            'Home visits are made by at least two staff who show their work identification. They may not enter your home without your consent, and they must leave when asked.',
            'For credit card debt in genuine difficulty, you can ask the bank about a personalised instalment repayment agreement. Complaints go first to the bank, and then to the financial regulator’s consumer hotline 12378.',
          ],
        },
        {
          id: 'rights-us',
          jurisdictions: ['us'],
          states: { contactHours: { from: '08:00', to: '21:00' } },
          heading: 'Your rights in the United States',
          paragraphs: [
            'Debt collectors may not call you before 08:00 or after 21:00 at your location, and they may not call too often. They may not threaten arrest or use abusive language.',
            'You can ask a collector in writing to stop contacting you. You can also dispute a debt you do not recognise within 30 days of the validation notice.',
            'Ask your lender about hardship programmes. Nonprofit credit counselling can help, and you can complain to the Consumer Financial Protection Bureau.',
          ],
        },
        {
          id: 'rights-in',
          jurisdictions: ['in'],
          states: { contactHours: { from: '08:00', to: '19:00' } },
          heading: 'Your rights in India',
          paragraphs: [
            'Recovery agents may contact you only between 08:00 and 19:00. They must carry identification and the bank’s authorisation letter.',
            'They may not harass you, your family, your referees or your friends, and they may not use threatening or abusive language.',
            'You can ask your bank for a revised repayment schedule. Complaints go first to the bank, and if it does not resolve them within 30 days, to the RBI Ombudsman.',
          ],
        },
        {
          id: 'rights-uk',
          jurisdictions: ['uk'],
          heading: 'Your rights in the United Kingdom',
          paragraphs: [
            'Lenders must treat you fairly and show forbearance when you are in financial difficulty. That can mean reducing or freezing interest and charges, or accepting smaller payments.',
            'Free debt advice is available from MoneyHelper, StepChange, Citizens Advice and National Debtline. A debt adviser can apply for Breathing Space, which pauses most creditor action and contact for 60 days.',
            'If a complaint is not resolved within eight weeks, you can take it to the Financial Ombudsman Service.',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'options',
          prompt: 'Which of these is a common option when repayments become hard?',
          choices: [
            'Smaller payments for a few months',
            'Taking a new loan to repay the old one',
            'Ignoring the lender’s letters',
          ],
          answer: 0,
          keyPhrase: 'smaller payments for a few months',
        },
        {
          id: 'q2',
          sectionId: 'options',
          prompt: 'What makes a repayment plan a good one?',
          choices: [
            'It clears the debt as fast as possible',
            'It is one you can keep',
            'It has the highest monthly payment',
          ],
          answer: 1,
          keyPhrase: 'one you can keep',
        },
        {
          id: 'q3',
          sectionId: 'fair-treatment',
          prompt: 'Who may staff discuss your debt with?',
          choices: [
            'Your neighbours',
            'Your employer',
            'Not your family, neighbours or employer without your consent',
          ],
          answer: 2,
          keyPhrase: 'without your consent',
        },
      ],
    },
    'zh-CN': {
      title: '遇到经济困难时可以获得的帮助和你的权利',
      summary:
        '如果因为生病、失业或其他变化难以还款，贷款机构有办法帮你。这里介绍可以提出什么、能期待什么，以及催收人员必须遵守的规则。',
      sections: [
        {
          id: 'options',
          heading: '帮助可能是什么样的',
          paragraphs: [
            '情况发生变化时，贷款机构往往可以调整你的还款方式。常见的办法有：调整还款日、在几个月内少还一些、短期暂停还款，或者延长期限、降低每期还款额。',
            '有些贷款机构还可以在你还款期间减免或停收费用和利息。能提供什么，要看贷款机构的规定和你的情况。',
            '好的还款计划是你能坚持下去的计划。它应该给房租、伙食、账单等必要开支留足钱。',
          ],
        },
        {
          id: 'asking',
          heading: '怎样申请帮助',
          paragraphs: [
            '一旦知道有困难，就联系贷款机构。说明发生了什么，以及预计会持续多久。',
            '准备好每月收入和必要开支的情况。诊断证明或单位出具的证明等材料会有帮助，但在拿到材料之前，你也可以先提出申请。',
            '任何新的还款安排都要求书面确认，并保留一份。',
          ],
        },
        {
          id: 'fair-treatment',
          heading: '你可以期待什么',
          paragraphs: [
            '联系你的工作人员必须表明身份和来意。他们必须有礼貌，不得威胁或辱骂你。',
            '你的欠款是个人隐私。未经你同意，不得向你的家人、邻居或单位透露。',
            '你可以请信任的人或免费的债务咨询人员，帮你和贷款机构沟通。',
          ],
        },
        {
          id: 'rights-cn',
          jurisdictions: ['cn'],
          states: { contactHours: { from: '08:00', to: '22:00' } },
          heading: '你在中国的权利',
          paragraphs: [
            '除非你事先同意，22:00至次日08:00之间不得打催收电话或上门，只能在08:00至22:00之间进行。',
            '上门走访至少由两名工作人员进行，并出示工作证件。未经你同意不得进入你家，你要求离开时必须离开。',
            '信用卡欠款确实有困难的，可以向银行申请个性化分期还款协议。投诉先向银行提出，再可拨打金融监管部门的消费者投诉热线12378。',
          ],
        },
        {
          id: 'rights-us',
          jurisdictions: ['us'],
          states: { contactHours: { from: '08:00', to: '21:00' } },
          heading: '你在美国的权利',
          paragraphs: [
            '按你所在地的时间，催收人员不得在08:00之前或21:00之后给你打电话，也不得过于频繁地打电话。他们不得以逮捕相威胁，也不得使用侮辱性语言。',
            '你可以书面要求催收人员停止联系你。对于不认识的欠款，你可以在收到债务确认通知后30天内提出异议。',
            '可以向贷款机构询问困难援助计划。非营利的信用咨询机构可以提供帮助，你也可以向消费者金融保护局投诉。',
          ],
        },
        {
          id: 'rights-in',
          jurisdictions: ['in'],
          states: { contactHours: { from: '08:00', to: '19:00' } },
          heading: '你在印度的权利',
          paragraphs: [
            '催收人员只能在08:00至19:00之间联系你，并且必须携带身份证件和银行的授权书。',
            '他们不得骚扰你、你的家人、担保人或朋友，也不得使用威胁或侮辱性语言。',
            '你可以向银行申请调整还款计划。投诉先向银行提出；银行30天内没有解决的，可以向印度储备银行的监察员投诉。',
          ],
        },
        {
          id: 'rights-uk',
          jurisdictions: ['uk'],
          heading: '你在英国的权利',
          paragraphs: [
            '你遇到经济困难时，贷款机构必须公平对待你并给予宽容，比如减少或冻结利息和费用，或接受较少的还款。',
            'MoneyHelper、StepChange、Citizens Advice 和 National Debtline 提供免费的债务咨询。债务顾问可以为你申请“喘息期”，在60天内暂停大多数债权人的追讨和联系。',
            '如果投诉在八周内没有解决，你可以提交给金融申诉专员服务机构。',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'options',
          prompt: '还款困难时，下面哪一项是常见的办法？',
          choices: ['在几个月内少还一些', '再借一笔钱还旧账', '不理会贷款机构的来信'],
          answer: 0,
          keyPhrase: '在几个月内少还一些',
        },
        {
          id: 'q2',
          sectionId: 'options',
          prompt: '什么样的还款计划才是好的计划？',
          choices: ['能最快还清欠款的计划', '你能坚持下去的计划', '每月还款最多的计划'],
          answer: 1,
          keyPhrase: '能坚持下去的计划',
        },
        {
          id: 'q3',
          sectionId: 'fair-treatment',
          prompt: '工作人员可以和谁谈论你的欠款？',
          choices: ['你的邻居', '你的单位', '未经你同意，不得向家人、邻居或单位透露'],
          answer: 2,
          keyPhrase: '未经你同意',
        },
      ],
    },
  },
};
