# Reference curve for performance/customers TestSurvivalAllTimes: R's
# survfit lists every distinct time, censorings alone included.
#   Rscript alltimes_ref.R
library(survival)
f <- survfit(Surv(c(0.5, 1, 2, 2.5, 3, 4, 6), c(0, 1, 1, 0, 1, 0, 1)) ~ 1)
for (i in seq_along(f$time)) {
  cat(sprintf("%g %d %d %d %.15g %.15g %.15g\n", f$time[i], f$n.risk[i], f$n.event[i], f$n.censor[i], f$surv[i], f$lower[i], f$upper[i]))
}
