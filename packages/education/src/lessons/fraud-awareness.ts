import type { Lesson } from '../lesson/lesson';

/** Scams that target people with debts, the checks that stop them, and where to report them per pack. */
export const fraudAwareness: Lesson = {
  id: 'fraud_awareness',
  version: 1,
  text: {
    en: {
      title: 'Protecting yourself from fraud',
      summary:
        'Scammers pretend to be banks, collectors and officials, and people under money pressure are a favourite target. A few fixed rules keep your money and your identity safe.',
      sections: [
        {
          id: 'never-share',
          heading: 'What your bank will never ask for',
          paragraphs: [
            'Your bank will never ask for your password, your PIN or a one-time verification code, by phone, message or in person. Anyone who asks for them is not your bank.',
            'Your bank will never ask you to move your money to a “safe account”, and it will never ask you to repay a debt into a personal account.',
          ],
        },
        {
          id: 'common-scams',
          heading: 'Scams aimed at people with debts',
          paragraphs: [
            'Fake collectors call about a debt and ask you to pay at once into an account they name. Fake officials claim your account is linked to a crime and ask you to transfer money to “clear” it.',
            'Other scams offer to cancel your debt, raise your credit limit or clean your credit report for a fee. Real lenders do not charge fees to help you repay.',
            'Scammers can make a call or message look as if it comes from your bank. The number on your screen is not proof.',
          ],
        },
        {
          id: 'check-first',
          heading: 'Stop and check',
          paragraphs: [
            'Scammers rush you and frighten you, so that you act before you think. A real bank will give you time.',
            'If a call or message worries you, hang up and call your bank on the number printed on your card or in its official app. Do not use a number or a link from the message.',
            'Before you pay a debt, check that the account you are paying belongs to your lender. Your lender’s statement or app shows the official ways to pay.',
          ],
        },
        {
          id: 'if-it-happens',
          heading: 'If you think you have been scammed',
          paragraphs: [
            'Call your bank straight away. The sooner it knows, the better the chance of stopping a payment and protecting your account.',
            'Change your passwords, keep the messages and the numbers that contacted you, and report it to the police. Being tricked is not your fault: scammers are skilled, and reporting helps protect others.',
          ],
        },
        {
          id: 'report-cn',
          jurisdictions: ['cn'],
          heading: 'Where to get help in China',
          paragraphs: [
            'If you receive a call from 96110, answer it: it is the police anti-fraud warning line. If you have been scammed, call 110 at once.',
          ],
        },
        {
          id: 'report-us',
          jurisdictions: ['us'],
          heading: 'Where to get help in the United States',
          paragraphs: [
            'Report scams to the Federal Trade Commission at ReportFraud.ftc.gov. If your identity was stolen, IdentityTheft.gov helps you make a recovery plan.',
          ],
        },
        {
          id: 'report-in',
          jurisdictions: ['in'],
          heading: 'Where to get help in India',
          paragraphs: [
            'Call the national cybercrime helpline 1930 as soon as possible, or report online at cybercrime.gov.in. Quick reports give the best chance of stopping the money.',
          ],
        },
        {
          id: 'report-uk',
          jurisdictions: ['uk'],
          heading: 'Where to get help in the United Kingdom',
          paragraphs: [
            'Call 159 to reach your bank’s fraud team safely. Report the scam to the police’s national fraud reporting service, or to Police Scotland if you live in Scotland.',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'never-share',
          prompt:
            'Someone who says they are from your bank asks for a one-time verification code. What is true?',
          choices: [
            'Your bank will never ask for it, so this is not your bank',
            'You should read it out quickly',
            'It is safe if the caller knows your name',
          ],
          answer: 0,
          keyPhrase: 'never ask for',
        },
        {
          id: 'q2',
          sectionId: 'check-first',
          prompt: 'A call about your account worries you. What should you do?',
          choices: [
            'Call back the number that called you',
            'Hang up and call the number printed on your card',
            'Follow the link in the message',
          ],
          answer: 1,
          keyPhrase: 'number printed on your card',
        },
        {
          id: 'q3',
          sectionId: 'if-it-happens',
          prompt: 'You think you have been scammed. What should you do first?',
          choices: [
            'Wait to see what happens',
            'Send more money to get it back',
            'Call your bank straight away',
          ],
          answer: 2,
          keyPhrase: 'call your bank straight away',
        },
      ],
    },
    'zh-CN': {
      title: '保护自己，防范诈骗',
      summary:
        '骗子会冒充银行、催收人员和公职人员，有经济压力的人是他们常找的目标。记住几条规则，就能保护好你的钱和个人信息。',
      sections: [
        {
          id: 'never-share',
          heading: '银行绝不会向你索要的东西',
          paragraphs: [
            '无论是电话、短信还是当面，银行绝不会索要你的密码或短信验证码。向你要这些的人，一定不是银行。',
            '银行绝不会让你把钱转到所谓的“安全账户”，也绝不会让你把欠款还到个人账户。',
          ],
        },
        {
          id: 'common-scams',
          heading: '专找欠款人的骗局',
          paragraphs: [
            '假冒的催收人员打电话说你欠款，要你马上转账到他们指定的账户。假冒的公职人员说你的账户涉及案件，要你转账去“核查资金”。',
            '还有的骗局声称收费就能帮你注销欠款、提高额度或消除不良征信记录。正规的贷款机构不会为了帮你还款而收费。',
            '骗子可以让来电或短信看起来像是银行发的。屏幕上显示的号码不能作为证明。',
          ],
        },
        {
          id: 'check-first',
          heading: '停一停，先核实',
          paragraphs: [
            '骗子会催促你、吓唬你，让你来不及多想就行动。真正的银行会给你时间。',
            '如果来电或短信让你不安，就挂断，然后拨打银行卡背面印的电话或官方应用里的电话联系银行。不要使用短信里给的号码或链接。',
            '还款之前，先确认收款账户属于你的贷款机构。贷款机构的账单或官方应用上有正规的还款方式。',
          ],
        },
        {
          id: 'if-it-happens',
          heading: '如果觉得自己被骗了',
          paragraphs: [
            '马上联系银行。银行越早知道，越有可能拦截转账、保护你的账户。',
            '修改密码，保留短信和联系你的号码，并向公安机关报案。上当受骗不是你的错：骗子手法高明，及时报案也能保护其他人。',
          ],
        },
        {
          id: 'report-cn',
          jurisdictions: ['cn'],
          heading: '在中国可以向哪里求助',
          paragraphs: [
            '接到96110的来电请务必接听，这是公安机关的反诈预警劝阻专线。如果已经被骗，请立即拨打110报警。',
          ],
        },
        {
          id: 'report-us',
          jurisdictions: ['us'],
          heading: '在美国可以向哪里求助',
          paragraphs: [
            '可以在 ReportFraud.ftc.gov 向联邦贸易委员会举报诈骗。如果身份被盗用，IdentityTheft.gov 可以帮你制定恢复计划。',
          ],
        },
        {
          id: 'report-in',
          jurisdictions: ['in'],
          heading: '在印度可以向哪里求助',
          paragraphs: [
            '尽快拨打全国网络犯罪求助热线1930，或在 cybercrime.gov.in 网上报案。越早报案，越有可能追回资金。',
          ],
        },
        {
          id: 'report-uk',
          jurisdictions: ['uk'],
          heading: '在英国可以向哪里求助',
          paragraphs: [
            '拨打159，可以安全地联系到你所在银行的反诈团队。诈骗可以向警方的全国诈骗举报服务举报；住在苏格兰的，向苏格兰警方举报。',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'never-share',
          prompt: '自称银行工作人员的人向你索要短信验证码，哪种说法正确？',
          choices: [
            '银行绝不会索要验证码，对方一定不是银行',
            '应该尽快把验证码告诉对方',
            '只要对方知道你的名字就是安全的',
          ],
          answer: 0,
          keyPhrase: '绝不会索要',
        },
        {
          id: 'q2',
          sectionId: 'check-first',
          prompt: '一个关于你账户的来电让你不安，应该怎么做？',
          choices: ['回拨刚才打来的号码', '挂断后拨打银行卡背面印的电话', '点开短信里的链接'],
          answer: 1,
          keyPhrase: '银行卡背面印的电话',
        },
        {
          id: 'q3',
          sectionId: 'if-it-happens',
          prompt: '觉得自己被骗了，首先应该做什么？',
          choices: ['先等等看', '再转一笔钱把损失追回来', '马上联系银行'],
          answer: 2,
          keyPhrase: '马上联系银行',
        },
      ],
    },
  },
};
