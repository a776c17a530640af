import type { Lesson } from '../lesson/lesson';

/** Which bills come first when money does not stretch to all of them, and how to deal with the rest. */
export const debtPriorities: Lesson = {
  id: 'debt_priorities',
  version: 1,
  text: {
    en: {
      title: 'Which bills to pay first when money is short',
      summary:
        'When money does not cover every bill, the order you pay them in matters. Protect your home and essentials first, then deal openly with every other lender.',
      sections: [
        {
          id: 'list-everything',
          heading: 'List everything you owe',
          paragraphs: [
            'Write down every bill and debt: who it is owed to, how much, when it is due and what happens if it is not paid.',
            'Seeing everything in one place stops the loudest or most recent demand from deciding for you.',
          ],
        },
        {
          id: 'essentials-first',
          heading: 'Protect your home and essentials first',
          paragraphs: [
            'Pay first the costs that keep a roof over your head and the basics running: rent or mortgage, electricity, water and heating, food and medicine.',
            'Next come debts where missing payments can lead to the most serious results, such as losing your home, your power supply or something you need for work. Which debts these are depends on where you live.',
            'Credit cards, personal loans and money owed to shops usually come after these. They still matter, and you should still contact those lenders, but they cannot come before food and shelter.',
          ],
        },
        {
          id: 'contact-everyone',
          heading: 'Do not ignore any lender',
          paragraphs: [
            'Contact each lender you cannot pay in full, even if you can only pay a little. Tell them what you can afford and ask them to agree to it.',
            'Lenders usually respond better to an early, honest offer than to silence. A lender who hears nothing may add fees or take further steps.',
          ],
        },
        {
          id: 'fair-offers',
          heading: 'Make offers you can keep',
          paragraphs: [
            'Work out what is left each month after essentials. Share it among your other debts, usually in proportion to what you owe each one.',
            'Do not borrow to pay a debt that is chasing you. It usually moves the problem to next month, with more costs added.',
            'A free debt adviser can help you draw up a budget and speak to lenders for you. Their help does not cost you anything.',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'essentials-first',
          prompt: 'Which costs should you pay first when money is short?',
          choices: [
            'The lender who calls most often',
            'Rent or mortgage, electricity, water and heating, food and medicine',
            'The newest credit card bill',
          ],
          answer: 1,
          keyPhrase: 'rent or mortgage',
        },
        {
          id: 'q2',
          sectionId: 'contact-everyone',
          prompt: 'You can pay only a little to one lender. What should you do?',
          choices: [
            'Contact the lender and tell them what you can afford',
            'Say nothing until you can pay in full',
            'Change your phone number',
          ],
          answer: 0,
          keyPhrase: 'what you can afford',
        },
        {
          id: 'q3',
          sectionId: 'fair-offers',
          prompt: 'How should money left after essentials be shared among other debts?',
          choices: [
            'All to the newest debt',
            'All to the smallest debt',
            'Usually in proportion to what you owe each one',
          ],
          answer: 2,
          keyPhrase: 'in proportion to what you owe',
        },
      ],
    },
    'zh-CN': {
      title: '钱不够时，先还哪一笔',
      summary:
        '钱不够付所有账单时，先付哪一笔很重要。先保住住所和基本生活，再坦诚地和其他每一家贷款机构沟通。',
      sections: [
        {
          id: 'list-everything',
          heading: '列出所有欠款',
          paragraphs: [
            '写下每一笔账单和欠款：欠谁的、欠多少、什么时候到期，以及不还会有什么后果。',
            '把所有欠款放在一起看，就不会被催得最急或者最近的那一笔牵着走。',
          ],
        },
        {
          id: 'essentials-first',
          heading: '先保住住所和基本生活',
          paragraphs: [
            '先付维持住所和基本生活的开支：房租或房贷、电费、水费和取暖费、伙食和药费。',
            '接下来是那些不还会带来最严重后果的欠款，比如可能失去住房、被停电，或者失去工作必需的东西。具体是哪些欠款，要看你所在地的规定。',
            '信用卡、个人贷款和欠商家的钱，通常排在这些之后。它们同样重要，也应该主动联系这些贷款机构，但不能排在吃饭和住房之前。',
          ],
        },
        {
          id: 'contact-everyone',
          heading: '不要对任何一家贷款机构置之不理',
          paragraphs: [
            '无法全额还款的，每一家都要联系，哪怕只能还一点。告诉对方你能负担多少，请对方同意。',
            '比起沉默，尽早、坦诚地提出方案，贷款机构通常更愿意配合。一直得不到回音的贷款机构，可能会加收费用或采取进一步措施。',
          ],
        },
        {
          id: 'fair-offers',
          heading: '提出能做到的方案',
          paragraphs: [
            '算出每月付完必要开支后还剩多少钱，再分给其他欠款，通常按各笔欠款金额的比例分配。',
            '不要为了应付催得紧的欠款去借钱。这通常只是把问题推到下个月，还要多付费用。',
            '免费的债务咨询人员可以帮你做预算，并代你和贷款机构沟通。这些帮助不需要你付钱。',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'essentials-first',
          prompt: '钱不够时，应该先付哪些开支？',
          choices: [
            '打电话最多的那家贷款机构',
            '房租或房贷、电费、水费和取暖费、伙食和药费',
            '最新的一张信用卡账单',
          ],
          answer: 1,
          keyPhrase: '房租或房贷',
        },
        {
          id: 'q2',
          sectionId: 'contact-everyone',
          prompt: '对某一家贷款机构只能还一点钱，应该怎么做？',
          choices: ['联系对方，告诉对方你能负担多少', '等能全额还款时再说', '换一个手机号码'],
          answer: 0,
          keyPhrase: '你能负担多少',
        },
        {
          id: 'q3',
          sectionId: 'fair-offers',
          prompt: '付完必要开支后剩下的钱，应该怎样分给其他欠款？',
          choices: ['全部还最新的一笔', '全部还金额最小的一笔', '通常按各笔欠款金额的比例分配'],
          answer: 2,
          keyPhrase: '按各笔欠款金额的比例',
        },
      ],
    },
  },
};
