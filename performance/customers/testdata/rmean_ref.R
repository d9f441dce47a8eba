# Reference restricted means for performance/customers TestRestrictedMean:
# R's survival (Debian r-cran-survival) print.survfit with rmean = tau.
#   Rscript rmean_ref.R
library(survival)
cases <- list(
  list(time = c(1, 2, 3, 4, 5), status = c(1, 1, 0, 1, 1), tau = 4.5),
  list(time = c(2, 3, 3, 5, 8, 8, 9, 12, 15), status = c(1, 1, 0, 1, 1, 0, 1, 0, 1), tau = 10),
  list(time = c(2, 3, 3, 5, 8, 8, 9, 12, 15), status = c(1, 1, 0, 1, 1, 0, 1, 0, 1), tau = 20)
)
for (c in cases) {
  fit <- survfit(Surv(c$time, c$status) ~ 1)
  t <- summary(fit, rmean = c$tau)$table
  cat(sprintf("tau %g: rmean %.15g se %.15g\n", c$tau, t[["rmean"]], t[["se(rmean)"]]))
}
