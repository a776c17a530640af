import type { Lesson } from '../lesson/lesson';

/** Warning signs of unlicensed lenders and debt traps, and how to check a lender in each pack. */
export const illegalLenders: Lesson = {
  id: 'illegal_lenders',
  version: 1,
  text: {
    en: {
      title: 'Avoiding illegal lenders and debt traps',
      summary:
        'When money is short, quick loans can look like a way out. Learn the warning signs of illegal lenders, how to check a lender, and where to get help instead.',
      sections: [
        {
          id: 'warning-signs',
          heading: 'Warning signs of an illegal lender',
          paragraphs: [
            'Be careful with any lender that asks for a fee before it pays out your loan. Licensed lenders do not ask you to pay to receive money.',
            'Other warning signs: you cannot find the lender on the regulator’s list, there is no written contract, or it does not say clearly how much you will repay in total.',
            'Some apps ask for access to your contacts and photos. A lender has no need for them. Illegal lenders use them to pressure borrowers through their friends and family.',
            'Watch for loans where part of the money is kept back at the start as a “service fee”, while you repay interest on the full amount.',
          ],
        },
        {
          id: 'debt-traps',
          heading: 'How a debt trap starts',
          paragraphs: [
            'A debt trap often starts with one small, expensive loan. When it is due, another loan is taken to repay it, and the costs grow each time.',
            'Borrowing from one lender to repay another does not reduce what you owe. It usually adds fees and interest, and it makes the next month harder.',
            'If you notice you are borrowing to repay borrowing, stop and talk to your existing lenders about a plan instead.',
          ],
        },
        {
          id: 'safer-choices',
          heading: 'Safer choices when money is short',
          paragraphs: [
            'Talk to the lender you already owe. A changed due date or a smaller instalment costs far less than a new expensive loan.',
            'Free debt advice services can help you list your debts, plan a budget and speak to lenders. Their help does not cost you anything.',
            'If you do need to borrow, compare the total amount you will repay, not only the monthly payment.',
          ],
        },
        {
          id: 'if-threatened',
          heading: 'If someone threatens you',
          paragraphs: [
            'No lender, legal or illegal, is allowed to threaten you, insult you or contact your friends and family about your debt. Keep messages and recordings, and report threats to the police.',
          ],
        },
        {
          id: 'check-cn',
          jurisdictions: ['cn'],
          heading: 'Checking a lender in China',
          paragraphs: [
            'Lawful lenders include banks, consumer finance companies and licensed small loan companies. You can check a licence on the websites of the financial regulators.',
            'Courts do not protect interest above four times the one-year Loan Prime Rate at the time of the contract. Interest may not be taken out of the loan amount in advance.',
          ],
        },
        {
          id: 'check-us',
          jurisdictions: ['us'],
          heading: 'Checking a lender in the United States',
          paragraphs: [
            'Most consumer lenders need a licence from the state where you live. You can check one with your state financial regulator or on the NMLS Consumer Access website.',
            'You can report a lender that breaks the rules to your state regulator or to the Consumer Financial Protection Bureau.',
          ],
        },
        {
          id: 'check-in',
          jurisdictions: ['in'],
          heading: 'Checking a lender in India',
          paragraphs: [
            'Borrow only from banks and companies regulated by the RBI. A lending app must name the regulated lender behind it, and the loan must be paid straight into your bank account.',
            'You can report an unauthorised lender on the RBI’s Sachet portal, and online threats or fraud on the cybercrime helpline 1930.',
          ],
        },
        {
          id: 'check-uk',
          jurisdictions: ['uk'],
          heading: 'Checking a lender in the United Kingdom',
          paragraphs: [
            'Lenders must be authorised by the Financial Conduct Authority. You can check any firm on the Financial Services Register before you borrow.',
            'Illegal money lenders, often called loan sharks, can be reported in confidence to the illegal money lending teams, such as Stop Loan Sharks in England.',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'warning-signs',
          prompt: 'A lender says you must pay a fee before it pays out your loan. What does this mean?',
          choices: [
            'It is a normal part of borrowing',
            'It shows the lender is careful',
            'It is a warning sign: licensed lenders do not ask you to pay to receive money',
          ],
          answer: 2,
          keyPhrase: 'do not ask you to pay to receive money',
        },
        {
          id: 'q2',
          sectionId: 'debt-traps',
          prompt: 'What does borrowing from one lender to repay another usually do?',
          choices: [
            'It adds fees and interest',
            'It clears your debt faster',
            'It improves your credit report',
          ],
          answer: 0,
          keyPhrase: 'adds fees and interest',
        },
        {
          id: 'q3',
          sectionId: 'safer-choices',
          prompt: 'If you must borrow, what should you compare between lenders?',
          choices: ['How fast the app is', 'The total amount you will repay', 'Only the monthly payment'],
          answer: 1,
          keyPhrase: 'total amount you will repay',
        },
      ],
    },
    'zh-CN': {
      title: '远离非法放贷和债务陷阱',
      summary:
        '手头紧的时候，快速借款看起来像一条出路。了解非法放贷的危险信号、怎样核查放贷机构，以及可以向哪里求助。',
      sections: [
        {
          id: 'warning-signs',
          heading: '非法放贷的危险信号',
          paragraphs: [
            '如果放款前先要你交一笔费用，一定要小心。正规的放贷机构不会要你先交钱才放款。',
            '其他危险信号包括：在监管部门的名单上查不到这家机构，不给书面合同，或者说不清楚你一共要还多少钱。',
            '有些借款软件要求读取你的通讯录和相册。放贷根本用不到这些信息，非法放贷者会借此通过你的亲友向你施压。',
            '还要警惕放款时先扣下一部分钱作为“服务费”，却按全部金额向你收利息的借款。',
          ],
        },
        {
          id: 'debt-traps',
          heading: '债务陷阱是怎样开始的',
          paragraphs: [
            '债务陷阱往往从一笔小额高息借款开始。到期时再借一笔来还，每借一次，成本就涨一次。',
            '向一家借钱去还另一家，并不会减少你欠的钱。通常还会增加费用和利息，让下个月更难过。',
            '如果发现自己在借新还旧，请停下来，改为和现有的贷款机构商量还款计划。',
          ],
        },
        {
          id: 'safer-choices',
          heading: '手头紧时更安全的选择',
          paragraphs: [
            '先和你已经欠款的贷款机构沟通。调整还款日或降低每期还款额，比再借一笔高息贷款便宜得多。',
            '免费的债务咨询服务可以帮你列出欠款、做好预算，并和贷款机构沟通。这些帮助不需要你付钱。',
            '如果确实需要借钱，要比较一共要还多少钱，而不只是每月还多少。',
          ],
        },
        {
          id: 'if-threatened',
          heading: '如果有人威胁你',
          paragraphs: [
            '无论合法还是非法的放贷者，都不允许威胁你、辱骂你，或者就你的欠款联系你的亲友。请保留短信和录音，并向公安机关报案。',
          ],
        },
        {
          id: 'check-cn',
          jurisdictions: ['cn'],
          heading: '在中国怎样核查放贷机构',
          paragraphs: [
            '合法的放贷机构包括银行、消费金融公司和持牌的小额贷款公司。可以在金融监管部门的网站上查询是否持牌。',
            '超过合同成立时一年期贷款市场报价利率四倍的利息，法院不予支持。利息也不得预先从借款本金中扣除。',
          ],
        },
        {
          id: 'check-us',
          jurisdictions: ['us'],
          heading: '在美国怎样核查放贷机构',
          paragraphs: [
            '大多数消费贷款机构需要取得你所在州的牌照。可以向所在州的金融监管部门查询，或在 NMLS Consumer Access 网站上查询。',
            '违规的放贷机构可以向州监管部门或消费者金融保护局举报。',
          ],
        },
        {
          id: 'check-in',
          jurisdictions: ['in'],
          heading: '在印度怎样核查放贷机构',
          paragraphs: [
            '只向受印度储备银行监管的银行和公司借款。借款软件必须写明背后受监管的放贷机构，贷款必须直接打到你的银行账户。',
            '未经授权的放贷者可以在印度储备银行的 Sachet 平台举报，网上威胁或诈骗可以拨打网络犯罪求助热线1930。',
          ],
        },
        {
          id: 'check-uk',
          jurisdictions: ['uk'],
          heading: '在英国怎样核查放贷机构',
          paragraphs: [
            '放贷机构必须获得金融行为监管局的授权。借款前可以在金融服务登记册上查询任何一家机构。',
            '非法放贷者常被称为“高利贷”，可以向打击非法放贷的专门团队保密举报，比如英格兰的 Stop Loan Sharks。',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'warning-signs',
          prompt: '放贷方说放款前必须先交一笔费用，这说明什么？',
          choices: [
            '这是借钱的正常流程',
            '说明这家机构很谨慎',
            '这是危险信号：正规的放贷机构不会要你先交钱才放款',
          ],
          answer: 2,
          keyPhrase: '不会要你先交钱才放款',
        },
        {
          id: 'q2',
          sectionId: 'debt-traps',
          prompt: '向一家借钱去还另一家，通常会怎样？',
          choices: ['增加费用和利息', '更快还清欠款', '让信用报告变好'],
          answer: 0,
          keyPhrase: '增加费用和利息',
        },
        {
          id: 'q3',
          sectionId: 'safer-choices',
          prompt: '如果必须借钱，应该比较什么？',
          choices: ['哪个软件放款更快', '一共要还多少钱', '只看每月还多少'],
          answer: 1,
          keyPhrase: '一共要还多少钱',
        },
      ],
    },
  },
};
