# Expected prediction intervals for holtwinters_test.go from R's forecast
# package (Debian's r-cran-forecast; forecast.ets, whose class 1 variance is
# Hyndman, Koehler, Ord & Snyder (2008) Table 6.1):
#
#     Rscript forecast/testdata/holtwinters_ref.R > forecast/testdata/holtwinters_ref_r.json
#
# Each case fixes the parameters and initial states of an ETS(A,A,A) or
# ETS(A,Ad,A) model, the Holt-Winters model of hw(), and lets ets() run it
# over the data with use.initial.values = TRUE (its C recursion): ETS's beta is
# alpha times Holt's beta (statsmodels' smoothing_trend, the Go Beta); ETS's
# gamma is the same. The initial states are those of hw(initial = "simple"):
# level the mean of the first season, trend the change of the seasonal means
# over the second season per period, seasonal effects the first season less
# the level. sigma2 is set as ets() sets it for a fitted model,
# SSE / (n - length(par)) with par = alpha, beta, gamma, (phi), the level,
# the trend and m - 1 seasonal effects (ets(model = , use.initial.values =
# TRUE) itself counts one more). Data: R's co2 and log(UKgas).
suppressMessages(library(forecast))

num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ","), "]")
sc <- function(v) sprintf("%.17g", v)

ref <- function(name, y, alpha, beta, gamma, phi, h, levels) {
  m <- frequency(y)
  n <- length(y)
  damped <- !is.null(phi)
  l0 <- mean(y[1:m])
  b0 <- (mean(y[m + 1:m]) - l0) / m
  s0 <- y[1:m] - l0
  fit <- ets(y, model = "AAA", damped = damped) # a template, refitted below
  fit$par["alpha"] <- alpha
  fit$par["beta"] <- alpha * beta
  fit$par["gamma"] <- gamma
  if (damped) fit$par["phi"] <- phi
  fit$initstate <- c(l = l0, b = b0, setNames(rev(s0), paste0("s", 1:m)))
  mod <- ets(y, model = fit, use.initial.values = TRUE)
  stopifnot(length(mod$par) == m + 4 + damped)
  mod$sigma2 <- sum(residuals(mod)^2) / (n - length(mod$par))
  fc <- forecast(mod, h = h, level = levels)
  last <- mod$states[n + 1, ]
  paste0(
    '{"name":"', name, '","season":', m, ',"damped":', tolower(damped),
    ',"values":', num(y), ',"alpha":', sc(alpha), ',"beta":', sc(beta),
    ',"gamma":', sc(gamma), ',"phi":', sc(if (damped) phi else 1),
    ',"initial":{"level":', sc(l0), ',"trend":', sc(b0), ',"seasonal":', num(s0), "}",
    ',"fitted":', num(fitted(mod)), ',"sigma2":', sc(mod$sigma2),
    ',"final":{"level":', sc(last["l"]), ',"trend":', sc(last["b"]),
    ',"seasonal":', num(rev(last[paste0("s", 1:m)])), "}",
    ',"h":', h, ',"levels":', num(levels / 100), ',"mean":', num(fc$mean),
    ',"lower":[', paste(apply(fc$lower, 2, num), collapse = ","), "]",
    ',"upper":[', paste(apply(fc$upper, 2, num), collapse = ","), "]}"
  )
}

cases <- c(
  ref("co2", co2, 0.52, 0.01, 0.47, NULL, 30, c(80, 95)),
  ref("co2 damped", co2, 0.6, 0.05, 0.3, 0.92, 30, c(80, 95)),
  ref("log UKgas", log(UKgas), 0.3, 0.1, 0.4, NULL, 10, c(50, 99)),
  ref("log UKgas damped", log(UKgas), 0.3, 0.1, 0.4, 0.95, 10, c(90, 95))
)
cat('{"forecast":"', as.character(packageVersion("forecast")), '","cases":[\n',
    paste(cases, collapse = ",\n"), "\n]}\n", sep = "")
