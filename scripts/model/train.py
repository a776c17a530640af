"""Trains Doorstep's early-warning risk model and writes the artifact the TypeScript scorer runs.

Why Python: scikit-learn's HistGradientBoostingClassifier is a well-kept gradient-boosting library
with monotone constraints, and Debian ships it (python3-sklearn 1.2.1, pinned by train.sh); there is
no maintained equivalent on npm. Only training runs here: inference is the dependency-free
TypeScript scorer in packages/risk-model, which must reproduce this script's probabilities to 1e-9
(checked by its parity test on the rows written to the parity file).

The model is boosted depth-2 trees under monotone constraints. A depth-2 tree is a sum of functions
of at most two features, so the ensemble compiles exactly into one lookup table per feature plus one
per feature pair (a GA2M): scoring is one bin search per feature and a few table reads, and every
customer's score splits exactly into per-feature contributions, which become the reasons.

Reads the training rows only (ID % 5 != 0); the test rows are scored once, by `pnpm bench:risk-model`.

Model selection (fixed on 2026-12-05 before the test rows were scored a second time, issue #19; see
SELECTION below): 2 x 5-fold stratified cross-validation inside the training rows over learning
rate x trees x L2 x minimum leaf x leaves per tree; among the settings whose cross-validated
calibration slope lies in 0.9-1.1, those whose mean AUC is within one standard error of the best
mean AUC form the band, and the band's highest mean per-fold KS is chosen.
"""

import argparse
import csv
import datetime
import json
import math
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), '..', '..'))
DATA = os.path.join(ROOT, '..', 'shared', 'datasets', 'credit-default', 'credit-default.csv')
OUT = os.path.join(ROOT, 'packages', 'risk-model', 'model')
MODEL_ID = 'credit-default-gbm'
MODEL_VERSION = '2.0.0'
MONTHS = 6
SEED = 20260101

STATUS = ['PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6']
BILL = [f'BILL_AMT{i}' for i in range(1, 7)]
PAID = [f'PAY_AMT{i}' for i in range(1, 7)]
PROTECTED = ['SEX', 'EDUCATION', 'MARRIAGE', 'AGE']

# Feature id -> monotone direction (+1 risk never falls as it grows, -1 never rises, 0 free).
# Every feature that reads a repayment status moves with "a later delay" in the risky direction:
# delays and late-month counts are +1, and counts of on-time kinds of month (which a late month
# leaves) are -1, so moving any month to a later status never lowers the score.
FEATURES = [
    ('creditLimit', 0),
    *[(f'delayMonths{k}', 1) for k in range(MONTHS)],
    ('lateMonths', 1),
    ('maxDelay', 1),
    ('recentDelay', 1),
    ('paidInFullMonths', -1),
    ('unusedMonths', -1),
    ('revolvingMonths', -1),
    *[(f'utilisation{k}', 0) for k in range(3)],
    ('utilisationMax', 0),
    ('utilisationMean', 0),
    ('utilisationTrend', 0),
    *[(f'paymentRatio{k}', 0) for k in range(3)],
    ('paymentRatioAll', 0),
    ('payment0', 0),
    ('payment1', 0),
    ('paymentMean', 0),
    ('balance0', 0),
    ('unpaidMonths', 0),
    ('headroom', 0),
]

# The selection protocol, written down before the test rows were read a second time (issue #19: the
# first artifact, chosen on CV AUC alone, scored test KS 0.4387 against a target of 0.44). It reads the
# training rows only and is applied mechanically; nothing in it was tuned on the test rows.
#
# - Grid: learning rate x trees (the same ~5/10/20/40 "shrinkage budgets" lr x trees at every rate),
#   L2, minimum leaf, and 3 or 4 leaves per depth-2 tree (both compile exactly into the tables). The
#   first artifact's setting (0.05, 200, 1.0, 100, 4 leaves) is one of its points.
# - Estimates: 2 repeats of 5-fold stratified CV (shuffles seeded SEED and SEED + 1); every metric is
#   the mean over the 10 validation folds of 4,800 rows, each scored by the one model that did not see
#   it, as the test rows are. KS is noisy at one threshold, so the second repeat halves its variance.
# - Criterion: AUC ranks the whole population and is the steadier estimate, so it gates; KS, the
#   issue's second target, chooses only among settings the AUC cannot tell apart:
#     1. eligible: mean per-fold calibration slope in [0.9, 1.1] (the issue's calibration target);
#     2. band: mean AUC >= best eligible mean AUC - its standard error (fold SD / sqrt(10));
#     3. chosen: the band's highest mean per-fold KS; ties to fewer trees, then the larger minimum leaf.
# - The operating threshold is the KS point of the chosen setting's out-of-fold scores (both repeats).
CV_FOLDS = 5
CV_REPEATS = 2
TREES_BY_LEARNING_RATE = {0.1: (50, 100, 200, 400), 0.05: (100, 200, 400, 800), 0.02: (250, 500, 1000)}
L2_REGULARIZATION = (0.0, 1.0, 10.0)
MIN_SAMPLES_LEAF = (50, 100, 200, 400)
MAX_LEAF_NODES = (3, 4)
SLOPE_RANGE = (0.9, 1.1)
SELECTION = (
    f'{CV_REPEATS} x {CV_FOLDS}-fold stratified CV; eligible if mean calibration slope in'
    f' {SLOPE_RANGE[0]}-{SLOPE_RANGE[1]}; band = mean AUC within one standard error of the best eligible;'
    ' chosen = highest mean per-fold KS in the band (ties: fewer trees, then larger minimum leaf)'
)

# One fit per (learning rate, L2, minimum leaf, leaves): its first k trees are exactly the model with
# k trees (no early stopping, no subsampling), so staged predictions give every tree count at once.
FITS = [
    dict(learning_rate=lr, l2_regularization=l2, min_samples_leaf=msl, max_leaf_nodes=leaves)
    for lr in TREES_BY_LEARNING_RATE
    for l2 in L2_REGULARIZATION
    for msl in MIN_SAMPLES_LEAF
    for leaves in MAX_LEAF_NODES
]


def features(limit, status, bill, paid):
    """One account's features from its last six statements (index 0 = latest).

    Only +, -, *, /, max and comparisons, summed left to right: the TypeScript scorer computes the
    same IEEE-754 values, so a value on a tree threshold falls on the same side in both.
    """
    lim = max(limit, 1.0)
    delay = [max(s, 0.0) for s in status]
    util = [b / lim for b in bill]
    ratio = [paid[k] / max(bill[k + 1], 1.0) for k in range(MONTHS - 1)]
    paid_sum = 0.0
    for p in paid[: MONTHS - 1]:
        paid_sum += p
    bill_sum = 0.0
    for b in bill[1:]:
        bill_sum += b
    util_sum = 0.0
    for u in util:
        util_sum += u
    paid_all = 0.0
    for p in paid:
        paid_all += p
    out = [limit]
    out += delay
    out += [
        float(sum(1 for s in status if s >= 1)),
        max(delay),
        max(delay[0], delay[1]),
        float(sum(1 for s in status if s == -1)),
        float(sum(1 for s in status if s == -2)),
        float(sum(1 for s in status if s == 0)),
    ]
    out += util[:3]
    out += [max(util), util_sum / MONTHS, util[0] - util[MONTHS - 1]]
    out += ratio[:3]
    out += [paid_sum / max(bill_sum, 1.0), paid[0], paid[1], paid_all / MONTHS, bill[0]]
    out += [float(sum(1 for k in range(MONTHS - 1) if paid[k] == 0 and bill[k + 1] > 0)), limit - bill[0]]
    return out


def load(path):
    with open(path, newline='') as f:
        rows = list(csv.DictReader(f))
    train = [r for r in rows if int(r['ID']) % 5 != 0]
    ids = np.array([int(r['ID']) for r in train])
    x = np.array(
        [
            features(
                float(r['LIMIT_BAL']),
                [float(r[c]) for c in STATUS],
                [float(r[c]) for c in BILL],
                [float(r[c]) for c in PAID],
            )
            for r in train
        ]
    )
    y = np.array([int(r['DEFAULT']) for r in train])
    return ids, x, y


def model(params):
    return HistGradientBoostingClassifier(
        max_depth=2,
        early_stopping=False,
        monotonic_cst=[m for _, m in FEATURES],
        random_state=SEED,
        **params,
    )


def folds_of(y):
    """The CV splits of every repeat, in a fixed order: (repeat, train indices, validation indices)."""
    x_dummy = np.zeros(len(y))
    return [
        (r, tr, va)
        for r in range(CV_REPEATS)
        for tr, va in StratifiedKFold(CV_FOLDS, shuffle=True, random_state=SEED + r).split(x_dummy, y)
    ]


def cross_validate(x, y):
    """Every grid point's mean per-fold AUC, KS and calibration slope over the repeated folds."""
    folds = folds_of(y)
    results = []
    for fit in FITS:
        trees = TREES_BY_LEARNING_RATE[fit['learning_rate']]
        per_fold = {k: [] for k in trees}
        for _, tr, va in folds:
            clf = model({**fit, 'max_iter': trees[-1]}).fit(x[tr], y[tr])
            for k, proba in enumerate(clf.staged_predict_proba(x[va]), start=1):
                if k in per_fold:
                    p = proba[:, 1]
                    per_fold[k].append((roc_auc_score(y[va], p), ks_threshold(y[va], p)[1], calibration_slope(y[va], p)))
        for k in trees:
            auc_, ks_, slope_ = (np.array(m) for m in zip(*per_fold[k]))
            r = {
                'params': {**fit, 'max_iter': k},
                'auc': float(auc_.mean()),
                'aucSd': float(auc_.std()),
                'aucSe': float(auc_.std() / math.sqrt(len(auc_))),
                'ks': float(ks_.mean()),
                'ksSd': float(ks_.std()),
                'slope': float(slope_.mean()),
            }
            results.append(r)
            print(f"cv {r['params']} auc {r['auc']:.4f} ± {r['aucSe']:.4f} ks {r['ks']:.4f} slope {r['slope']:.3f}", flush=True)
    return results


def select(results):
    """The protocol's choice: the band of AUC-indistinguishable eligible settings, then the best KS."""
    eligible = [r for r in results if SLOPE_RANGE[0] <= r['slope'] <= SLOPE_RANGE[1]]
    if not eligible:
        raise SystemExit('no grid point has a cross-validated calibration slope within 0.9-1.1')
    top = max(eligible, key=lambda r: r['auc'])
    band = [r for r in eligible if r['auc'] >= top['auc'] - top['aucSe']]
    best = max(band, key=lambda r: (r['ks'], -r['params']['max_iter'], r['params']['min_samples_leaf']))
    for r in results:
        r['inBand'] = r in band
    return best, top, band


def out_of_fold(params, x, y):
    """The chosen setting's out-of-fold scores, every repeat stacked (the operating threshold's data)."""
    ys, ps = [], []
    for _, tr, va in folds_of(y):
        ys.append(y[va])
        ps.append(model(params).fit(x[tr], y[tr]).predict_proba(x[va])[:, 1])
    return np.concatenate(ys), np.concatenate(ps)


def ks_threshold(y, p):
    """The probability where true-positive minus false-positive rate peaks (the KS point).

    Rows with equal scores are flagged together, so the gap is read after each group of ties, as
    the TypeScript `ks` reads it.
    """
    order = np.argsort(-p, kind='mergesort')
    ys, ps = y[order], p[order]
    tpr = np.cumsum(ys) / ys.sum()
    fpr = np.cumsum(1 - ys) / (len(ys) - ys.sum())
    last_of_group = np.append(ps[1:] != ps[:-1], True)
    gap = np.where(last_of_group, tpr - fpr, -np.inf)
    i = int(np.argmax(gap))
    return float(ps[i]), float(gap[i])


def calibration_slope(y, p):
    """b of the logistic regression y ~ a + b·logit(p), by Newton's method (as metrics.ts does)."""
    c = np.clip(p, 1e-12, 1 - 1e-12)
    z = np.log(c / (1 - c))
    a, b = 0.0, 1.0
    for _ in range(50):
        mu = 1 / (1 + np.exp(-(a + b * z)))
        w = mu * (1 - mu)
        r = y - mu
        g = np.array([r.sum(), (r * z).sum()])
        h = np.array([[w.sum(), (w * z).sum()], [(w * z).sum(), (w * z * z).sum()]])
        step = np.linalg.solve(h, g)
        a, b = a + step[0], b + step[1]
        if np.abs(step).max() < 1e-12:
            break
    return float(b)


def trees_of(clf):
    """Each depth-2 tree as its nodes: (feature, threshold, left, right, is_leaf, value)."""
    out = []
    for predictors in clf._predictors:
        nodes = predictors[0].nodes
        if nodes['is_categorical'].any():
            raise SystemExit('categorical splits are not supported by the exporter')
        out.append(nodes)
    return out


def compile_tables(clf, x):
    """Compiles the ensemble into per-feature and per-pair tables over the thresholds it uses.

    A depth-2 tree with root (a <= t) is [a <= t]·L + [a > t]·R where L and R are a leaf or one
    split, so each side is a function of a alone or of the pair (a, b). Tables are then purified on
    the training rows (means of each pair table moved into its features' tables, every feature table
    centred, means moved into the intercept), so a feature's contribution says how far it moves this
    customer from the average customer. The sum, and so the probability, is unchanged.
    """
    n_features = x.shape[1]
    trees = trees_of(clf)
    thresholds = [set() for _ in range(n_features)]
    for nodes in trees:
        for node in nodes:
            if not node['is_leaf']:
                thresholds[int(node['feature_idx'])].add(float(node['num_threshold']))
    cuts = [sorted(t) for t in thresholds]
    index = [{c: i for i, c in enumerate(fc)} for fc in cuts]
    main = [np.zeros(len(fc) + 1) for fc in cuts]
    # (a, b) with a < b -> list of (a_lo, a_hi, b_lo, b_hi, value) over global bins, inclusive.
    rects = {}
    intercept = float(clf._baseline_prediction.ravel()[0])

    def side(nodes, child, a, a_lo, a_hi):
        node = nodes[child]
        if node['is_leaf']:
            main[a][a_lo : a_hi + 1] += node['value']
            return
        b = int(node['feature_idx'])
        u = index[b][float(node['num_threshold'])]
        left, right = nodes[int(node['left'])], nodes[int(node['right'])]
        assert left['is_leaf'] and right['is_leaf'], 'trees must have depth 2'
        if b == a:
            lo_hi = (a_lo, min(a_hi, u)), (max(a_lo, u + 1), a_hi)
            for (lo, hi), leaf in zip(lo_hi, (left, right)):
                if lo <= hi:
                    main[a][lo : hi + 1] += leaf['value']
            return
        nb = len(cuts[b])
        parts = [(0, u, left['value']), (u + 1, nb, right['value'])]
        for b_lo, b_hi, value in parts:
            if a < b:
                rects.setdefault((a, b), []).append((a_lo, a_hi, b_lo, b_hi, float(value)))
            else:
                rects.setdefault((b, a), []).append((b_lo, b_hi, a_lo, a_hi, float(value)))

    for nodes in trees:
        root = nodes[0]
        if root['is_leaf']:
            intercept += float(root['value'])
            continue
        a = int(root['feature_idx'])
        t = index[a][float(root['num_threshold'])]
        side(nodes, int(root['left']), a, 0, t)
        side(nodes, int(root['right']), a, t + 1, len(cuts[a]))

    bins = np.stack([np.searchsorted(np.array(cuts[j]), x[:, j], side='left') for j in range(n_features)], 1)
    pairs = []
    for (a, b), rs in sorted(rects.items()):
        # Local cuts: the global cut indices this pair's rectangles start or end on.
        la = boundaries([(lo, hi) for lo, hi, _, _, _ in rs], len(cuts[a]))
        lb = boundaries([(lo, hi) for _, _, lo, hi, _ in rs], len(cuts[b]))
        a_map = np.searchsorted(np.array(la, dtype=int), np.arange(len(cuts[a]) + 1), side='left')
        b_map = np.searchsorted(np.array(lb, dtype=int), np.arange(len(cuts[b]) + 1), side='left')
        table = np.zeros((len(la) + 1, len(lb) + 1))
        for a_lo, a_hi, b_lo, b_hi, value in rs:
            table[a_map[a_lo] : a_map[a_hi] + 1, b_map[b_lo] : b_map[b_hi] + 1] += value
        weight = np.zeros_like(table)
        np.add.at(weight, (a_map[bins[:, a]], b_map[bins[:, b]]), 1.0)
        for _ in range(20):
            rows = weight.sum(1)
            row_mean = np.divide((weight * table).sum(1), rows, out=np.zeros(len(rows)), where=rows > 0)
            table -= row_mean[:, None]
            main[a] += row_mean[a_map]
            cols = weight.sum(0)
            col_mean = np.divide((weight * table).sum(0), cols, out=np.zeros(len(cols)), where=cols > 0)
            table -= col_mean[None, :]
            main[b] += col_mean[b_map]
        pairs.append({'a': a, 'b': b, 'aMap': a_map.tolist(), 'bMap': b_map.tolist(), 'table': table})

    for j in range(n_features):
        mean = float(main[j][bins[:, j]].mean())
        main[j] -= mean
        intercept += mean
    return intercept, cuts, main, pairs


def boundaries(ranges, n_cuts):
    """The global cut indices on which a set of inclusive bin ranges start or end."""
    ends = {hi for _, hi in ranges if hi < n_cuts} | {lo - 1 for lo, _ in ranges if lo > 0}
    return sorted(ends)


def margin_of(intercept, main, pairs, bins):
    m = np.full(len(bins), intercept)
    for j, table in enumerate(main):
        m += table[bins[:, j]]
    for pair in pairs:
        m += pair['table'][np.array(pair['aMap'])[bins[:, pair['a']]], np.array(pair['bMap'])[bins[:, pair['b']]]]
    return m


def distribution(values, n=10):
    """Decile edges (unique) and the share of rows in each bin, the baseline for PSI."""
    edges = sorted(set(float(v) for v in np.quantile(values, np.arange(1, n) / n, method='lower')))
    idx = np.searchsorted(np.array(edges), values, side='left')
    shares = np.bincount(idx, minlength=len(edges) + 1) / len(values)
    return {'edges': edges, 'shares': [float(s) for s in shares]}


def write_card(artifact, x, y, results):
    """The model card next to the artifact: what it was trained on, how it was chosen, what it is not for."""
    t = artifact['training']
    t_params = {k: t['params'][k] for k in results[0]['params']}
    lines = [
        f"# Model card: {artifact['id']}@{artifact['version']}",
        '',
        f"Trained {artifact['trainedAt']} by `pnpm model:train` (scripts/model/train.py) with {t['library']}.",
        '',
        '## Data',
        f"- Training rows: {t['rows']} of the credit-default data set (`../shared/datasets/credit-default/`),"
        f" IDs with `ID % 5 != 0`; default rate {t['defaultRate']:.4f}.",
        '- The 6,000 test rows (`ID % 5 == 0`) are never read here; `pnpm bench:risk-model` scores them, once per artifact.',
        f"- Protected attributes ({', '.join(PROTECTED)}) are not features; they are read only by the fairness report.",
        f"- Target: {artifact['target']}.",
        '',
        '## Model',
        f"- Boosted depth-2 trees, compiled exactly into {len(artifact['features'])} feature tables and"
        f" {len(artifact['pairs'])} pair tables (a GA2M); the compiled tables reproduce scikit-learn to < 1e-12.",
        f"- Selection protocol (fixed in train.py before the test rows are scored): {t['selection']}.",
        f"- Chosen: {t['params']}.",
        f"- Cross-validated (mean of {CV_REPEATS * CV_FOLDS} folds): AUC {t['cvAuc']} ± {t['cvAucSe']} (SE; fold SD {t['cvAucSd']}),"
        f" KS {t['cvKs']} (fold SD {t['cvKsSd']}), calibration slope {t['cvCalibrationSlope']};"
        f" best eligible AUC {t['bestCvAuc']}; pooled out-of-fold KS {t['outOfFoldKs']}.",
        f"- Operating threshold {artifact['operatingThreshold']} (the out-of-fold KS point).",
        '- Bands: ' + ', '.join(
            f"{b['band']} < {b['below']}" if b['below'] is not None else f"{b['band']} above" for b in artifact['bands']
        ) + '.',
        '',
        '## Features (monotone: +1 never lowers risk as it grows, -1 never raises it, 0 free)',
        '',
        '| feature | monotone | cut points |',
        '|---|---|---|',
        *[f"| {f['id']} | {f['monotone']} | {len(f['cuts'])} |" for f in artifact['features']],
        '',
        '## Cross-validation grid',
        '',
        'Every grid point, mean over the folds; **band** = eligible and within one standard error of the best'
        ' eligible AUC, **chosen** = the band\'s highest KS.',
        '',
        '| learning rate | trees | l2 | min leaf | leaves | CV AUC | ± SE | CV KS | slope | |',
        '|---|---|---|---|---|---|---|---|---|---|',
        *[
            f"| {r['params']['learning_rate']} | {r['params']['max_iter']} | {r['params']['l2_regularization']}"
            f" | {r['params']['min_samples_leaf']} | {r['params']['max_leaf_nodes']} | {r['auc']:.4f} | {r['aucSe']:.4f}"
            f" | {r['ks']:.4f} | {r['slope']:.3f} | {'**chosen**' if r['params'] == t_params else ('band' if r['inBand'] else '')} |"
            for r in results
        ],
        '',
        '## Limits',
        '- Trained on one Taiwanese bank\'s card holders in April–September 2005: amounts are whole NT dollars,'
        ' and another portfolio must be checked with the PSI report before the scores are trusted, and retrained'
        ' on its own history when they drift.',
        '- Predicts missing the next monthly payment from six statements; it knows nothing of income, other debts'
        ' or hardship, and is not a credit-granting model.',
        '- Its scores call for a reminder or a call at most; a field visit needs an overdue case.',
        '',
    ]
    with open(os.path.join(OUT, f"{artifact['id']}.card.md"), 'w') as f:
        f.write('\n'.join(lines))


def main():
    global MODEL_VERSION
    parser = argparse.ArgumentParser(description='Train the early-warning risk model on the training rows.')
    parser.add_argument('--data', default=DATA, help='CSV with the credit-default columns (default: the shared data set)')
    parser.add_argument('--version', default=MODEL_VERSION, help='artifact version; bump the major for a retrained model')
    args = parser.parse_args()
    MODEL_VERSION = args.version
    if not os.path.exists(args.data):
        raise SystemExit(f'training data not found at {args.data}')
    ids, x, y = load(args.data)
    print(f'training rows {len(y)} (default rate {y.mean():.4f}), features {x.shape[1]}; sklearn {sklearn.__version__}')
    started = time.monotonic()
    results = cross_validate(x, y)
    best, top, band = select(results)
    threshold, oof_ks = ks_threshold(*out_of_fold(best['params'], x, y))
    print(f'cross-validation took {time.monotonic() - started:.0f} s for {len(results)} grid points; {len(band)} in the band')
    clf = model(best['params']).fit(x, y)
    proba = clf.predict_proba(x)[:, 1]
    intercept, cuts, main_tables, pairs = compile_tables(clf, x)
    bins = np.stack([np.searchsorted(np.array(cuts[j]), x[:, j], side='left') for j in range(x.shape[1])], 1)
    compiled = 1 / (1 + np.exp(-margin_of(intercept, main_tables, pairs, bins)))
    drift = float(np.max(np.abs(compiled - proba)))
    print(f'compiled tables reproduce sklearn to {drift:.2e}; {len(pairs)} pair tables')
    if drift > 1e-12:
        raise SystemExit('compiled tables do not reproduce the model')

    today = datetime.date.today().isoformat()
    artifact = {
        'format': 'doorstep.risk-model.ga2m/1',
        'id': MODEL_ID,
        'version': MODEL_VERSION,
        'trainedAt': today,
        'target': 'misses the next monthly payment (payment default next month)',
        'months': MONTHS,
        'amountUnit': {'currency': 'TWD', 'note': 'amounts are whole New Taiwan dollars, as in the training data'},
        'operatingThreshold': round(threshold, 6),
        'bands': [
            {'band': 'low', 'below': 0.1},
            {'band': 'guarded', 'below': 0.2},
            {'band': 'elevated', 'below': 0.35},
            {'band': 'high', 'below': 0.6},
            {'band': 'severe', 'below': None},
        ],
        'intercept': intercept,
        'features': [
            {'id': fid, 'monotone': mono, 'cuts': cuts[j], 'contribution': main_tables[j].tolist()}
            for j, (fid, mono) in enumerate(FEATURES)
        ],
        'pairs': [
            {
                'features': [p['a'], p['b']],
                'aMap': p['aMap'],
                'bMap': p['bMap'],
                'columns': int(p['table'].shape[1]),
                'table': p['table'].ravel().tolist(),
            }
            for p in pairs
        ],
        'monitoring': {
            'score': distribution(proba),
            'features': {fid: distribution(x[:, j]) for j, (fid, _) in enumerate(FEATURES)},
        },
        'training': {
            'rows': int(len(y)),
            'defaultRate': float(y.mean()),
            'library': f'scikit-learn {sklearn.__version__} HistGradientBoostingClassifier',
            'params': {**best['params'], 'max_depth': 2, 'early_stopping': False, 'random_state': SEED},
            'selection': SELECTION,
            'cvAuc': round(best['auc'], 4),
            'cvAucSd': round(best['aucSd'], 4),
            'cvAucSe': round(best['aucSe'], 4),
            'cvKs': round(best['ks'], 4),
            'cvKsSd': round(best['ksSd'], 4),
            'cvCalibrationSlope': round(best['slope'], 4),
            'bestCvAuc': round(top['auc'], 4),
            'outOfFoldKs': round(oof_ks, 4),
            'grid': [
                {**r['params'], 'auc': round(r['auc'], 4), 'ks': round(r['ks'], 4), 'slope': round(r['slope'], 3)}
                for r in results
            ],
        },
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, f'{MODEL_ID}.json'), 'w') as f:
        json.dump(artifact, f, separators=(',', ':'))
        f.write('\n')
    # The first 1,000 training rows with sklearn's own probabilities: the TypeScript parity test.
    parity = [[int(i), float(p)] for i, p in zip(ids[:1000], proba[:1000])]
    with open(os.path.join(OUT, f'{MODEL_ID}.parity.json'), 'w') as f:
        json.dump({'model': f'{MODEL_ID}@{MODEL_VERSION}', 'idProbability': parity}, f, separators=(',', ':'))
        f.write('\n')
    write_card(artifact, x, y, results)
    print(
        f"selected {best['params']} cv auc {best['auc']:.4f} ± {best['aucSe']:.4f} (best {top['auc']:.4f}),"
        f" ks {best['ks']:.4f}, slope {best['slope']:.3f}; operating threshold {threshold:.4f} (oof KS {oof_ks:.4f})"
    )
    print(f"wrote {os.path.join(OUT, MODEL_ID + '.json')} ({os.path.getsize(os.path.join(OUT, MODEL_ID + '.json'))} bytes)")


if __name__ == '__main__':
    if any(name in [f for f, _ in FEATURES] for name in PROTECTED):
        sys.exit('protected attributes must not be features')
    main()
