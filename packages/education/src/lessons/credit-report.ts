import type { Lesson } from '../lesson/lesson';

/** Reading a credit report, correcting it, and how on-time payments rebuild it; where to get it per pack. */
export const creditReport: Lesson = {
  id: 'credit_report',
  version: 1,
  text: {
    en: {
      title: 'Reading your credit report, and how repayments repair it',
      summary:
        'Your credit report is the record lenders read before they lend. You can see it, correct mistakes in it, and rebuild it with on-time payments.',
      sections: [
        {
          id: 'what-it-is',
          heading: 'What a credit report is',
          paragraphs: [
            'A credit report is a record kept by a credit bureau of the loans and cards you have and how you have repaid them. Lenders read it when you apply for credit, and sometimes landlords and employers do too, with your permission.',
            'A credit report is not a judgement of you as a person. It is a history of payments, and a history can change.',
          ],
        },
        {
          id: 'how-to-read',
          heading: 'How to read it',
          paragraphs: [
            'Start with your personal details: name, identity number and addresses. Then look at each account: the lender, the type of credit, the limit or amount borrowed, the balance and the repayment history.',
            'The repayment history usually shows one mark per month. It tells whether you paid on time or how late a payment was. Check that each late mark matches what really happened.',
            'The report also lists recent searches, called enquiries, made when you applied for credit. Many applications in a short time can make lenders more careful.',
          ],
        },
        {
          id: 'mistakes',
          heading: 'If something is wrong',
          paragraphs: [
            'If you find an account you do not recognise, or a late payment you made on time, ask for it to be corrected. Contact the credit bureau or the lender, explain the mistake and keep copies of your proof.',
            'An account you do not recognise can be a sign that someone used your identity. Tell the lender and the credit bureau at once.',
          ],
        },
        {
          id: 'repair',
          heading: 'How on-time payments repair your history',
          paragraphs: [
            'Accurate late payments stay on the report for a set period. Their weight fades with time, and on-time payments added every month show lenders a new pattern.',
            'The steps that help most are simple: pay every bill on time from now on, keep card balances well below their limits, and apply for new credit only when you need it.',
            'No one can remove accurate information from your report for a fee. Offers that promise this are scams, and paying them only loses money.',
          ],
        },
        {
          id: 'get-report-cn',
          jurisdictions: ['cn'],
          heading: 'Getting your report in China',
          paragraphs: [
            'Your personal credit report is kept by the Credit Reference Center of the People’s Bank of China. You can ask for it online or at its service counters, and it is free twice a year.',
            'Records of overdue payments are kept for five years from the day the overdue debt is repaid or otherwise ended. If you find a mistake, you can raise an objection with the center or the lender, which must check it.',
          ],
        },
        {
          id: 'get-report-us',
          jurisdictions: ['us'],
          heading: 'Getting your report in the United States',
          paragraphs: [
            'You can get free reports from Equifax, Experian and TransUnion at AnnualCreditReport.com, the official site. Free reports are available every week.',
            'Most late payments can stay on a report for up to seven years. You can dispute a mistake directly with the credit bureau, which must investigate it.',
          ],
        },
        {
          id: 'get-report-in',
          jurisdictions: ['in'],
          heading: 'Getting your report in India',
          paragraphs: [
            'India has four credit information companies: CIBIL, Experian, Equifax and CRIF High Mark. Each must give you one free full credit report every year.',
            'If you find a mistake, raise a dispute with the credit information company or your lender. If it is not settled, you can complain to the RBI Ombudsman.',
          ],
        },
        {
          id: 'get-report-uk',
          jurisdictions: ['uk'],
          heading: 'Getting your report in the United Kingdom',
          paragraphs: [
            'The three main credit reference agencies are Experian, Equifax and TransUnion. You have a legal right to see your statutory credit report from each of them for free.',
            'Missed payments and defaults usually stay on your report for six years. You can ask an agency to correct a mistake, and add a short note to explain your side.',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'repair',
          prompt: 'What helps a credit history recover after missed payments?',
          choices: [
            'Applying for several new cards',
            'Paying a company to clean the report',
            'Pay every bill on time from now on',
          ],
          answer: 2,
          keyPhrase: 'pay every bill on time',
        },
        {
          id: 'q2',
          sectionId: 'mistakes',
          prompt: 'You find a late payment on your report that you paid on time. What should you do?',
          choices: ['Ask for it to be corrected', 'Nothing, it cannot change', 'Close all your accounts'],
          answer: 0,
          keyPhrase: 'ask for it to be corrected',
        },
        {
          id: 'q3',
          sectionId: 'repair',
          prompt: 'A company offers to delete your accurate late payments if you pay a fee. What is true?',
          choices: [
            'It is the fastest way to a clean report',
            'No one can remove accurate information, so the offer is a scam',
            'The credit bureau asked them to call you',
          ],
          answer: 1,
          keyPhrase: 'remove accurate information',
        },
      ],
    },
    'zh-CN': {
      title: '看懂信用报告，用按时还款修复信用',
      summary:
        '信用报告是贷款机构放贷前要看的记录。你可以查看它、更正其中的错误，并通过按时还款重建良好记录。',
      sections: [
        {
          id: 'what-it-is',
          heading: '什么是信用报告',
          paragraphs: [
            '信用报告是征信机构记录的你有哪些贷款和信用卡、以及如何还款的档案。申请贷款时，贷款机构会查看它；经你同意，有时房东或用人单位也会查看。',
            '信用报告不是对你这个人的评价。它记录的是还款历史，而历史是可以改变的。',
          ],
        },
        {
          id: 'how-to-read',
          heading: '怎样读信用报告',
          paragraphs: [
            '先看个人信息：姓名、证件号码和地址。再逐个查看账户：哪家机构、什么类型的贷款或信用卡、额度或借款金额、余额和还款记录。',
            '还款记录通常每月一个标记，显示当月是按时还款还是逾期了多久。请核对每一个逾期标记是否和实际情况一致。',
            '报告里还有近期的查询记录，也就是你申请贷款时留下的记录。短时间内申请很多次，会让贷款机构更加谨慎。',
          ],
        },
        {
          id: 'mistakes',
          heading: '发现错误怎么办',
          paragraphs: [
            '如果看到不认识的账户，或者明明按时还了却显示逾期，可以要求更正。联系征信机构或贷款机构，说明错误，并保留好证明材料的复印件。',
            '不认识的账户可能说明有人冒用了你的身份。请立即告诉贷款机构和征信机构。',
          ],
        },
        {
          id: 'repair',
          heading: '按时还款如何修复信用记录',
          paragraphs: [
            '真实的逾期记录会在报告中保留一段规定的时间。随着时间推移，它的影响会减弱；每个月新增的按时还款记录，会让贷款机构看到新的还款习惯。',
            '最有帮助的做法很简单：从现在起每笔账单都按时还款，信用卡欠款远低于额度，只在确实需要时才申请新的贷款。',
            '没有人能收费删除报告中的真实信息。声称能“洗白”征信的都是骗局，付钱只会白白损失。',
          ],
        },
        {
          id: 'get-report-cn',
          jurisdictions: ['cn'],
          heading: '在中国怎样查询信用报告',
          paragraphs: [
            '个人信用报告由中国人民银行征信中心管理。你可以在网上或到征信中心的查询网点申请查询，每年有两次免费机会。',
            '逾期等不良信息，自欠款还清或不良行为终止之日起保存五年。发现错误，可以向征信中心或贷款机构提出异议，对方必须核查。',
          ],
        },
        {
          id: 'get-report-us',
          jurisdictions: ['us'],
          heading: '在美国怎样获取信用报告',
          paragraphs: [
            '你可以在官方网站 AnnualCreditReport.com 免费获取 Equifax、Experian 和 TransUnion 三家机构的信用报告，每周都可以免费查看。',
            '大多数逾期记录最多保留七年。发现错误可以直接向征信机构提出异议，征信机构必须调查。',
          ],
        },
        {
          id: 'get-report-in',
          jurisdictions: ['in'],
          heading: '在印度怎样获取信用报告',
          paragraphs: [
            '印度有四家信用信息公司：CIBIL、Experian、Equifax 和 CRIF High Mark。每一家每年都必须免费向你提供一份完整的信用报告。',
            '发现错误，可以向信用信息公司或贷款机构提出异议。如果得不到解决，可以向印度储备银行的监察员投诉。',
          ],
        },
        {
          id: 'get-report-uk',
          jurisdictions: ['uk'],
          heading: '在英国怎样获取信用报告',
          paragraphs: [
            '英国主要有三家征信机构：Experian、Equifax 和 TransUnion。你依法有权免费查看每一家的法定信用报告。',
            '错过还款和违约记录通常保留六年。你可以要求征信机构更正错误，也可以加一段简短说明，讲清你的情况。',
          ],
        },
      ],
      quiz: [
        {
          id: 'q1',
          sectionId: 'repair',
          prompt: '错过还款以后，什么能帮助信用记录恢复？',
          choices: ['一次申请好几张新卡', '花钱请公司“洗白”报告', '从现在起每笔账单都按时还款'],
          answer: 2,
          keyPhrase: '每笔账单都按时还款',
        },
        {
          id: 'q2',
          sectionId: 'mistakes',
          prompt: '报告显示你有一笔逾期，但你其实按时还了。应该怎么做？',
          choices: ['要求更正', '什么也不做，反正改不了', '注销所有账户'],
          answer: 0,
          keyPhrase: '要求更正',
        },
        {
          id: 'q3',
          sectionId: 'repair',
          prompt: '有公司说只要付费，就能删除你真实的逾期记录。哪种说法正确？',
          choices: ['这是最快的办法', '没有人能收费删除真实信息，这是骗局', '是征信机构让他们联系你的'],
          answer: 1,
          keyPhrase: '收费删除',
        },
      ],
    },
  },
};
