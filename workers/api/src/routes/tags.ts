/**
 * The document's tags, each with the description a partner reads in the reference. A route may only
 * use a tag listed here (the route helpers' types enforce it), so the list and the operations never drift.
 */
export const API_TAGS = [
  { name: 'System', description: 'Liveness and readiness of the deployment; needs no key.' },
  {
    name: 'Intake',
    description:
      'Core banking pushes customers, accounts, payments and flags here as Standard Webhooks–signed events, one by one or as a nightly NDJSON batch file.',
  },
  { name: 'Cases', description: 'One case per overdue account: its status, priority and the visit dossier.' },
  { name: 'Customers', description: 'The borrowers behind the cases, as core banking reported them.' },
  {
    name: 'Screening',
    description:
      'Runs of the tenant’s screening policy that decide which cases are eligible for a visit and why.',
  },
  { name: 'Visit plans', description: 'A day’s routes for the field teams, solved and then published.' },
  { name: 'Visits', description: 'Scheduling, check-in at the door and the recorded outcome of a visit.' },
  {
    name: 'Repayment plans',
    description:
      'Instalment plans proposed to and accepted by the customer, checked against the policy’s terms.',
  },
  { name: 'Follow-ups', description: 'Promises to pay, reminders and checks scheduled after a visit.' },
  {
    name: 'Education',
    description:
      'Financial-education lessons in the customer’s language, their delivery, progress and quiz, and the after-cure relationship preference.',
  },
  {
    name: 'Evidence',
    description:
      'Photos, recordings and documents from a visit: announced with their size and SHA-256, uploaded, and downloaded with an audit entry.',
  },
  {
    name: 'Early warnings',
    description:
      'Customers not yet overdue whom the risk model ranks riskiest, with its reasons and the chosen action, and the model’s stability on this portfolio.',
  },
  {
    name: 'Compliance',
    description:
      'Contact attempts, notices and supervisor overrides: what the compliance rules count and what lifts a veto.',
  },
  {
    name: 'Agents',
    description: 'The field agents: home base, shift, skills, languages and daily capacity.',
  },
  {
    name: 'API keys',
    description: 'The tenant’s API keys and their roles; created, rotated and revoked by admins.',
  },
  {
    name: 'Policy set',
    description: 'The tenant’s screening, compliance and follow-up policies as one versioned document.',
  },
  { name: 'Reports', description: 'KPIs and the social-responsibility report, as JSON or CSV.' },
  { name: 'Experiments', description: 'Holdout and challenger experiments that measure what visits change.' },
  { name: 'Webhooks', description: 'Subscriptions to outbound events and the log of their deliveries.' },
  { name: 'Audit', description: 'Who did what and when, for every write.' },
  {
    name: 'Operations',
    description: 'Dead-lettered background jobs and their replay, for the people who run the deployment.',
  },
] as const satisfies readonly { name: string; description: string }[];

export type ApiTag = (typeof API_TAGS)[number]['name'];
