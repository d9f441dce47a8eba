#!/usr/bin/Rscript
# Expected values for survival_test.go: Kaplan-Meier curves, Greenwood
# standard errors, pointwise confidence intervals and the median with its
# confidence interval, computed by R's survival package (survfit and
# summary.survfit; tested with survival 3.5.3), independently of the Go code.
#
# Run from the module root:
#   Rscript performance/testdata/survival_ref.R > performance/testdata/survival_ref.json
#
# The JSON is written by hand (jsonlite is not needed): numbers with enough
# significant digits (at most 17) to read back into float64 exactly; NA and
# NaN (the interval where the survival reaches 0) as null.
suppressMessages(library(survival))

# The shortest of 15, 16 or 17 significant digits that reads back exactly.
num1 <- function(x) {
  if (is.na(x)) return("null")
  for (p in 15:16) {
    s <- sprintf("%.*g", p, x)
    if (as.numeric(s) == x) return(s)
  }
  sprintf("%.17g", x)
}
num <- function(x) vapply(x, num1, "")
arr <- function(x) paste0("[", paste(num(x), collapse = ","), "]")
bools <- function(x) paste0("[", paste(ifelse(x, "true", "false"), collapse = ","), "]")
str <- function(s) paste0("\"", s, "\"")

datasets <- list(
  # aml: maintenance chemotherapy for acute myelogenous leukaemia, weeks to
  # relapse (Miller, Survival Analysis, 1981; Embury et al. 1977), shipped
  # with R's survival package; both arms together.
  list(name = "aml", time = aml$time, ended = aml$status == 1),
  # lung: NCCTG advanced lung cancer, days to death (Loprinzi et al. 1994),
  # shipped with R's survival package; status 2 is dead.
  list(name = "lung", time = lung$time, ended = lung$status == 2),
  # Events and censorings tied at the same times, one lifetime of 0 days.
  list(name = "ties",
       time  = c(0, 2, 2, 2, 2, 3, 3, 5, 5, 5, 7, 8, 8, 8, 10, 10),
       ended = c(1, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0) == 1),
  # Nobody ended: S stays 1, no curve points, median not reached.
  list(name = "all_censored", time = c(3, 5, 5, 9, 12),
       ended = c(FALSE, FALSE, FALSE, FALSE, FALSE)),
  # Everybody ended: S reaches 0 at the last time, where the variance is
  # undefined.
  list(name = "all_ended", time = c(1, 2, 2, 4, 7, 7, 7, 11),
       ended = rep(TRUE, 8)),
  # S is exactly 0.5 from day 3 to day 6: the median is the midpoint, 4.5.
  list(name = "half_plateau", time = c(1, 2, 3, 5, 6, 7),
       ended = c(1, 1, 1, 0, 1, 1) == 1),
  # Fractional days, some censored before the first event and after the
  # last.
  list(name = "fractional",
       time  = c(0.25, 0.5, 1.125, 1.125, 2.75, 3.0999999999999996, 4.0625,
                 4.0625, 6.5, 10.3, 12.875, 12.875, 15.5, 20.01, 20.01),
       ended = c(0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0) == 1),
  # Times that differ by less than R's tolerance (sqrt of the machine
  # epsilon, absolute or relative to the mean distinct time) count as tied
  # (survival's aeqSurv, applied by survfit's timefix = TRUE).
  list(name = "near_ties",
       time  = c(1, 1 + 1e-12, 2, 2 + 1e-9, 2 + 3e-8, 5, 5 + 5e-6, 9, 9.5, 30),
       ended = c(1, 1, 1, 0, 1, 1, 1, 0, 1, 1) == 1)
)

fits <- list(
  list(type = "log", conf = 0.95),
  list(type = "log-log", conf = 0.95),
  list(type = "plain", conf = 0.95),
  list(type = "log", conf = 0.90),
  list(type = "log-log", conf = 0.90)
)

# S(t) queried before, at, between and beyond the times (for lung, every
# 25 days).
at_times <- function(t) {
  if (length(t) > 50) return(seq(0, max(t) + 50, by = 25))
  sort(unique(c(0, t, t + 0.5, max(t) + 100)))
}

out <- character(0)
for (d in datasets) {
  fitjs <- character(0)
  # lung, the large one, only at 95%, to keep this file small.
  for (f in if (d$name == "lung") fits[1:3] else fits) {
    fit <- survfit(Surv(d$time, d$ended) ~ 1, conf.type = f$type, conf.int = f$conf)
    s <- summary(fit) # at the event times only
    tab <- summary(fit)$table
    ev <- fit$n.event > 0
    et <- fit$time[ev]
    # Censored in [this event time, the next event time): the Go
    # convention, summed from survfit's per-time n.censor.
    nxt <- c(et[-1], Inf)
    cens <- if (length(et) == 0) numeric(0) else
      sapply(seq_along(et), function(j) sum(fit$n.censor[fit$time >= et[j] & fit$time < nxt[j]]))
    fitjs <- c(fitjs, paste0(
      "{", '"conf_type":', str(f$type), ',"conf_int":', num(f$conf),
      ',"time":', arr(s$time), ',"n_risk":', arr(s$n.risk),
      ',"n_event":', arr(s$n.event), ',"n_censor":', arr(cens),
      ',"surv":', arr(s$surv), ',"std_err":', arr(s$std.err),
      ',"lower":', arr(s$lower), ',"upper":', arr(s$upper),
      ',"median":', num(tab[["median"]]),
      ',"lcl":', num(tab[[paste0(f$conf, "LCL")]]),
      ',"ucl":', num(tab[[paste0(f$conf, "UCL")]]), "}"))
  }
  # S(t) does not depend on the interval; taken from the last fit.
  qt <- at_times(d$time)
  qs <- summary(fit, times = qt, extend = TRUE)$surv
  out <- c(out, paste0(
    "{", '"name":', str(d$name), ',"days":', arr(d$time), ',"ended":', bools(d$ended),
    ',"at_time":', arr(qt), ',"at_surv":', arr(qs),
    ',"fits":[\n', paste(fitjs, collapse = ",\n"), "]}"))
}
cat(paste0('{"r_version":', str(R.version.string),
           ',"survival_version":', str(as.character(packageVersion("survival"))),
           ',"datasets":[\n', paste(out, collapse = ",\n"), "]}\n"))
