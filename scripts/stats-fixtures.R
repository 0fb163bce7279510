# Writes the expected values that src/stats is held to: R's survival (survfit, survdiff) and cmprsk
# (cuminc, timepoints) run on public datasets shipped with the survival package. Run from the repository:
#   Rscript scripts/stats-fixtures.R test/fixtures/stats
# (Debian: apt-get install r-cran-survival r-cran-cmprsk). Each dataset is written as the CSV the tests
# feed to Cradle, and each expectation as JSON with 17 significant digits.
suppressMessages({ library(survival); library(cmprsk) })
out <- commandArgs(trailingOnly = TRUE)[1]
if (is.na(out)) out <- "test/fixtures/stats"
dir.create(out, showWarnings = FALSE, recursive = TRUE)

num <- function(x) paste0("[", paste(ifelse(is.na(x), "null", sprintf("%.17g", x)), collapse = ","), "]")
one <- function(x) if (is.na(x)) "null" else sprintf("%.17g", x)
str <- function(x) paste0("[", paste0('"', x, '"', collapse = ","), "]")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste0('"', names(kv), '":', unlist(kv), collapse = ","), "}")
}
write_csv <- function(d, name) write.csv(d, file.path(out, name), row.names = FALSE, quote = TRUE)

km_fixture <- function(d, name, conf) {
  fit <- survfit(Surv(time, status > 0) ~ group, data = d, conf.type = conf)
  s <- summary(fit)
  strata <- sub("^group=", "", as.character(s$strata))
  tab <- summary(fit)$table
  groups <- sub("^group=", "", rownames(tab))
  medians <- sapply(seq_along(groups), function(i) obj(
    group = paste0('"', groups[i], '"'), median = one(tab[i, "median"]),
    lower = one(tab[i, paste0("0.95LCL")]), upper = one(tab[i, paste0("0.95UCL")])))
  sd <- survdiff(Surv(time, status > 0) ~ group, data = d)
  df <- length(sd$n) - 1
  json <- obj(
    dataset = paste0('"', name, '"'), confType = paste0('"', conf, '"'),
    rows = obj(group = str(strata), time = num(s$time), nRisk = num(s$n.risk), nEvent = num(s$n.event),
               survival = num(s$surv), stdErr = num(s$std.err), lower = num(s$lower), upper = num(s$upper)),
    medians = paste0("[", paste(medians, collapse = ","), "]"),
    logrank = obj(chisq = one(sd$chisq), df = one(df), p = one(pchisq(sd$chisq, df, lower.tail = FALSE))))
  writeLines(json, file.path(out, paste0(name, ".km-", conf, ".json")))
}

cif_fixture <- function(d, name, at) {
  fit <- cuminc(d$time, d$status, d$group)
  tests <- fit$Tests
  curves <- fit[names(fit) != "Tests"]
  parts <- sapply(names(curves), function(n) {
    k <- curves[[n]]
    # The name is "group cause"; the group may itself hold spaces.
    cause <- sub("^.* ", "", n); group <- sub(" [^ ]*$", "", n)
    obj(group = paste0('"', group, '"'), cause = paste0('"', cause, '"'),
        time = num(k$time), est = num(k$est), var = num(k$var))
  })
  tp <- timepoints(fit, at)
  atParts <- sapply(rownames(tp$est), function(n) obj(
    curve = paste0('"', n, '"'), est = num(tp$est[n, ]), var = num(tp$var[n, ])))
  grayParts <- sapply(rownames(tests), function(c) paste0('"', c, '":', obj(
    stat = one(tests[c, "stat"]), p = one(tests[c, "pv"]), df = one(tests[c, "df"]))))
  json <- obj(dataset = paste0('"', name, '"'),
              curves = paste0("[", paste(parts, collapse = ","), "]"),
              at = num(at), timepoints = paste0("[", paste(atParts, collapse = ","), "]"),
              gray = paste0("{", paste(grayParts, collapse = ","), "}"))
  writeLines(json, file.path(out, paste0(name, ".cif.json")))
}

# aml: acute myelogenous leukaemia, maintenance chemotherapy or not (Miller 1997); 23 patients.
aml_d <- data.frame(time = aml$time, status = aml$status, group = as.character(aml$x))
write_csv(aml_d, "aml.csv")
for (conf in c("log", "log-log")) km_fixture(aml_d, "aml", conf)

# lung: NCCTG advanced lung cancer (Loprinzi 1994); status 1 censored, 2 dead; groups by sex; many ties.
lung_d <- data.frame(time = lung$time, status = lung$status - 1,
                     group = ifelse(lung$sex == 1, "male", "female"))
write_csv(lung_d, "lung.csv")
for (conf in c("log", "log-log")) km_fixture(lung_d, "lung", conf)

# veteran: VA lung cancer trial (Kalbfleisch & Prentice); four cell types, a 3-df log-rank test.
vet_d <- data.frame(time = veteran$time, status = veteran$status, group = as.character(veteran$celltype))
write_csv(vet_d, "veteran.csv")
km_fixture(vet_d, "veteran", "log")

# mgus2: progression to plasma cell malignancy (cause 1) with death before it as the competing risk
# (cause 2), by sex (Kyle 2002), as in the survival package's competing risks vignette.
m <- mgus2
etime <- ifelse(m$pstat == 0, m$futime, m$ptime)
event <- ifelse(m$pstat == 0, 2 * m$death, 1)
mgus_d <- data.frame(time = etime, status = event, group = ifelse(m$sex == "M", "male", "female"))
write_csv(mgus_d, "mgus2.csv")
cif_fixture(mgus_d, "mgus2", c(12, 60, 120, 240))

# A three-group example with ties of both causes at one time, from a fixed seed (cmprsk's own example).
set.seed(2)
sim_d <- data.frame(time = round(rexp(100) * 20), status = sample(0:2, 100, replace = TRUE),
                    group = c("a", "b", "c")[sample(1:3, 100, replace = TRUE)])
write_csv(sim_d, "sim3.csv")
cif_fixture(sim_d, "sim3", c(5, 10, 20))
km_fixture(sim_d, "sim3", "log-log")

writeLines(sprintf("R %s, survival %s, cmprsk %s", paste(R.version$major, R.version$minor, sep = "."),
                   packageVersion("survival"), packageVersion("cmprsk")), file.path(out, "VERSIONS"))
