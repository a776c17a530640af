import type { createRouter } from '../../http/app';
import { registerAssignLesson } from './assign-lesson';
import { registerGetLesson } from './get-lesson';
import { registerGetLessonAssignment } from './get-lesson-assignment';
import { registerListCustomerLessons } from './list-customer-lessons';
import { registerListLessons } from './list-lessons';
import { registerRecordLessonProgress } from './record-lesson-progress';
import { registerRelationshipPreference } from './relationship-preference';
import { registerSubmitLessonQuiz } from './submit-lesson-quiz';

/** Financial education under `/v1`: the catalogue, customers' lessons and their consent to contact. */
export function registerEducation(app: ReturnType<typeof createRouter>) {
  registerListLessons(app);
  registerGetLesson(app);
  registerListCustomerLessons(app);
  registerAssignLesson(app);
  registerGetLessonAssignment(app);
  registerRecordLessonProgress(app);
  registerSubmitLessonQuiz(app);
  registerRelationshipPreference(app);
}
