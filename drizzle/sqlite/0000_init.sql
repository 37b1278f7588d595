CREATE TABLE `applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`citizen_id` text NOT NULL,
	`service_id` text NOT NULL,
	`fields` text NOT NULL,
	`status` text NOT NULL,
	`history` text NOT NULL,
	`due_date` text,
	`officer` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applications_reference` ON `applications` (`reference`);--> statement-breakpoint
CREATE INDEX `applications_citizen` ON `applications` (`citizen_id`);--> statement-breakpoint
CREATE TABLE `citizens` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`language` text,
	`voice_replies` integer DEFAULT false NOT NULL,
	`first_seen` integer NOT NULL,
	`last_seen` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `console_users` (
	`username` text PRIMARY KEY NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `conversations` (
	`citizen_id` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`version` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`citizen_id` text NOT NULL,
	`direction` text NOT NULL,
	`channel` text NOT NULL,
	`channel_message_id` text,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`error_code` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_channel_message_id` ON `messages` (`channel`,`channel_message_id`);--> statement-breakpoint
CREATE INDEX `messages_outbox` ON `messages` (`direction`,`status`);--> statement-breakpoint
CREATE INDEX `messages_citizen` ON `messages` (`citizen_id`);--> statement-breakpoint
CREATE TABLE `utterances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`citizen_id` text,
	`text` text NOT NULL,
	`normalized` text NOT NULL,
	`language` text,
	`predicted` text,
	`confidence_pct` integer,
	`reason` text NOT NULL,
	`resolution` text,
	`assigned_intent` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `utterances_open` ON `utterances` (`resolution`,`normalized`);