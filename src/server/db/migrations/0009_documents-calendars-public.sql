CREATE TABLE "calendar_feed_tokens" (
	"user_id" uuid NOT NULL,
	"hub_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feed_tokens_user_id_hub_id_pk" PRIMARY KEY("user_id","hub_id"),
	CONSTRAINT "calendar_feed_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "hubs" ADD COLUMN "brand_colour" text DEFAULT '#1f4e79' NOT NULL;--> statement-breakpoint
ALTER TABLE "hubs" ADD COLUMN "area_served" text;--> statement-breakpoint
ALTER TABLE "hubs" ADD COLUMN "public_email" text;--> statement-breakpoint
ALTER TABLE "calendar_feed_tokens" ADD CONSTRAINT "calendar_feed_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feed_tokens" ADD CONSTRAINT "calendar_feed_tokens_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_feed_tokens_hub" ON "calendar_feed_tokens" USING btree ("hub_id");