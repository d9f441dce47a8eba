-- The tables of a CRM-backed service, as examples/database reads them. A
-- real schema would add foreign keys (an activity's deal, a deal's owner)
-- and NOT NULL on deals.amount; they are left out here so that the example
-- can show how rows that break them come back as errors naming the table
-- and the row's key.
--
-- Every table has updated_at, set on insert by its default and on update by
-- a trigger: the example's refresh compares each table's row count and
-- latest updated_at with those it last built from, and rebuilds when one
-- moved (a deleted row changes the count).
CREATE FUNCTION salesmetrics_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := clock_timestamp();
  RETURN NEW;
END $$;

-- The funnel: the stages in order, with their default probabilities.
CREATE TABLE stages (
  position    integer PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  probability numeric,
  won         boolean NOT NULL DEFAULT false,
  lost        boolean NOT NULL DEFAULT false,
  updated_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE reps (
  id       text PRIMARY KEY,
  name     text NOT NULL DEFAULT '',
  hired_at timestamptz,
  left_at  timestamptz,
  ramp     text NOT NULL DEFAULT '',  -- the ramp's monthly factors, space separated
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE rep_assignments (
  rep_id      text NOT NULL REFERENCES reps (id),
  valid_from  timestamptz NOT NULL,
  valid_until timestamptz,
  team        text NOT NULL DEFAULT '',
  manager     text NOT NULL DEFAULT '',
  territory   text NOT NULL DEFAULT '',
  updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (rep_id, valid_from)
);

CREATE TABLE deals (
  id                  text PRIMARY KEY,
  name                text NOT NULL DEFAULT '',
  owner_id            text NOT NULL,
  team                text NOT NULL DEFAULT '',
  territory           text NOT NULL DEFAULT '',
  account             text NOT NULL DEFAULT '',
  source              text NOT NULL DEFAULT '',
  segment             text NOT NULL DEFAULT '',
  amount              numeric,
  currency            text NOT NULL,
  acv                 numeric,
  tcv                 numeric,
  term_months         integer,
  cost                numeric,
  stage               text NOT NULL,
  status              text NOT NULL,
  created_at          timestamptz NOT NULL,
  expected_close_at   timestamptz,
  closed_at           timestamptz,
  close_date          date,
  expected_close_date date,
  probability         numeric,
  forecast_category   text NOT NULL DEFAULT '',
  loss_reason         text NOT NULL DEFAULT '',
  updated_at          timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE stage_changes (
  id         bigserial PRIMARY KEY,
  deal_id    text NOT NULL,
  from_stage text NOT NULL DEFAULT '',
  to_stage   text NOT NULL,
  changed_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE activities (
  id               text PRIMARY KEY,
  rep_id           text NOT NULL,
  team             text NOT NULL DEFAULT '',
  kind             text NOT NULL,
  at               timestamptz NOT NULL,
  deal_id          text,
  account          text NOT NULL DEFAULT '',
  outcome          text NOT NULL DEFAULT '',
  duration_seconds numeric,
  updated_at       timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE quotas (
  id           bigserial PRIMARY KEY,
  rep_id       text NOT NULL DEFAULT '',
  team         text NOT NULL DEFAULT '',
  metric       text NOT NULL DEFAULT '',
  period_start timestamptz NOT NULL,
  period_end   timestamptz NOT NULL,
  period_name  text NOT NULL DEFAULT '',
  amount       numeric,
  currency     text NOT NULL DEFAULT '',
  count        bigint,
  updated_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TRIGGER touch BEFORE UPDATE ON stages FOR EACH ROW EXECUTE FUNCTION salesmetrics_touch();
CREATE TRIGGER touch BEFORE UPDATE ON reps FOR EACH ROW EXECUTE FUNCTION salesmetrics_touch();
CREATE TRIGGER touch BEFORE UPDATE ON rep_assignments FOR EACH ROW EXECUTE FUNCTION salesmetrics_touch();
CREATE TRIGGER touch BEFORE UPDATE ON deals FOR EACH ROW EXECUTE FUNCTION salesmetrics_touch();
CREATE TRIGGER touch BEFORE UPDATE ON stage_changes FOR EACH ROW EXECUTE FUNCTION salesmetrics_touch();
CREATE TRIGGER touch BEFORE UPDATE ON activities FOR EACH ROW EXECUTE FUNCTION salesmetrics_touch();
CREATE TRIGGER touch BEFORE UPDATE ON quotas FOR EACH ROW EXECUTE FUNCTION salesmetrics_touch();
