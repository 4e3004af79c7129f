-- core.owner moves to schemaVersion 2, without personal data, and each division gets its personal data by
-- consent on core.owner-personal.<division>. Existing owners are published once more, at their current version:
-- core.owner's latest record per owner becomes the v2 one (compaction then drops the v1 records that carried the
-- fields), and every division's topic gets the owner's current answer. The division list is the one of this
-- change (DIVISIONS in packages/events/src/topics.ts); later divisions get their events from later changes.
CREATE FUNCTION pg_temp.iso(at timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
--> statement-breakpoint
INSERT INTO "core"."outbox" ("topic", "key", "envelope")
SELECT 'core.owner', o.id::text, jsonb_build_object(
  'id', gen_random_uuid(), 'type', 'owner.updated', 'aggregateType', 'owner', 'aggregateId', o.id, 'version', o.version,
  'occurredAt', pg_temp.iso(now()), 'source', 'core', 'schemaVersion', 2,
  'payload', jsonb_build_object(
    'id', o.id, 'clerkId', o.clerk_id, 'emailVerifiedAt', pg_temp.iso(o.email_verified_at),
    'membershipLevel', o.membership_level, 'membershipStartDate', pg_temp.iso(o.membership_start_date),
    'membershipExpiresAt', pg_temp.iso(o.membership_expires_at), 'emailNotifications', o.email_notifications,
    'smsNotifications', o.sms_notifications, 'pushNotifications', o.push_notifications,
    'newsletterOptIn', o.newsletter_opt_in, 'dataSharing', o.data_sharing, 'version', o.version,
    'createdAt', pg_temp.iso(o.created_at), 'updatedAt', pg_temp.iso(o.updated_at)))
FROM "core"."owners" o ORDER BY o.id;
--> statement-breakpoint
INSERT INTO "core"."outbox" ("topic", "key", "envelope")
SELECT 'core.owner-personal.' || d.division, o.id::text, jsonb_build_object(
  'id', gen_random_uuid(), 'aggregateType', 'owner', 'aggregateId', o.id, 'version', o.version,
  'occurredAt', pg_temp.iso(now()), 'source', 'core', 'schemaVersion', 1,
  'type', CASE WHEN o.data_sharing ->> d.division = 'true' THEN 'owner.personal_data_shared' ELSE 'owner.personal_data_withheld' END,
  'payload', CASE WHEN o.data_sharing ->> d.division = 'true' THEN jsonb_build_object(
    'id', o.id, 'email', o.email, 'phone', o.phone, 'firstName', o.first_name, 'lastName', o.last_name,
    'middleName', o.middle_name, 'street1', o.street1, 'street2', o.street2, 'city', o.city, 'state', o.state,
    'postalCode', o.postal_code, 'country', o.country)
  ELSE jsonb_build_object('id', o.id) END)
FROM "core"."owners" o
CROSS JOIN unnest(ARRAY['licensure', 'healthcare', 'care', 'training', 'grooming', 'food', 'foundation']) AS d(division)
ORDER BY o.id, d.division;
