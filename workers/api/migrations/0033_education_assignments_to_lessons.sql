-- Modules assigned before lessons had content become version-1 assignments of the lesson of the same id:
-- every built-in lesson starts at version 1, and its text is stored the first time it is read. The local
-- date is the UTC date, the only one SQL can compute here; a customer assigned one module on two cases
-- keeps the first.
INSERT INTO `lesson_assignments`
	(`id`, `tenant_id`, `customer_id`, `case_id`, `lesson_id`, `lesson_version`, `language`, `jurisdiction`,
	 `source`, `source_id`, `assigned_at`, `local_date`, `started_at`, `completed_at`)
SELECT 'edu_' || lower(hex(randomblob(10))), `ea`.`tenant_id`, `c`.`customer_id`, `ea`.`case_id`, `ea`.`module_id`, 1,
	CASE
		WHEN lower(substr(coalesce(`cu`.`language`, ''), 1, 2)) = 'zh' THEN 'zh-CN'
		WHEN lower(substr(coalesce(`cu`.`language`, ''), 1, 2)) = 'en' THEN 'en'
		WHEN `t`.`jurisdiction` = 'cn' THEN 'zh-CN'
		ELSE 'en'
	END,
	`t`.`jurisdiction`, 'follow-up', 'education_assignments', `ea`.`assigned_at`,
	date(`ea`.`assigned_at` / 1000, 'unixepoch'), `ea`.`completed_at`, `ea`.`completed_at`
FROM `education_assignments` `ea`
JOIN `cases` `c` ON `c`.`tenant_id` = `ea`.`tenant_id` AND `c`.`id` = `ea`.`case_id`
JOIN `customers` `cu` ON `cu`.`id` = `c`.`customer_id`
JOIN `tenants` `t` ON `t`.`id` = `ea`.`tenant_id`
WHERE true
ORDER BY `ea`.`assigned_at`
ON CONFLICT DO NOTHING;
--> statement-breakpoint
DROP TABLE `education_assignments`;
