CREATE TABLE "applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"citizen_id" text NOT NULL,
	"service_id" text NOT NULL,
	"fields" jsonb NOT NULL,
	"status" text NOT NULL,
	"history" jsonb NOT NULL,
	"due_date" text,
	"officer" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citizens" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"language" text,
	"voice_replies" boolean DEFAULT false NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "console_users" (
	"username" text PRIMARY KEY NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"citizen_id" text PRIMARY KEY NOT NULL,
	"state" jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"citizen_id" text NOT NULL,
	"direction" text NOT NULL,
	"channel" text NOT NULL,
	"channel_message_id" text,
	"kind" text NOT NULL,
	"body" jsonb NOT NULL,
	"status" text NOT NULL,
	"error_code" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "utterances" (
	"id" serial PRIMARY KEY NOT NULL,
	"citizen_id" text,
	"text" text NOT NULL,
	"normalized" text NOT NULL,
	"language" text,
	"predicted" text,
	"confidence_pct" integer,
	"reason" text NOT NULL,
	"resolution" text,
	"assigned_intent" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "applications_reference" ON "applications" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "applications_citizen" ON "applications" USING btree ("citizen_id");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_channel_message_id" ON "messages" USING btree ("channel","channel_message_id");--> statement-breakpoint
CREATE INDEX "messages_outbox" ON "messages" USING btree ("direction","status");--> statement-breakpoint
CREATE INDEX "messages_citizen" ON "messages" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "utterances_open" ON "utterances" USING btree ("resolution","normalized");