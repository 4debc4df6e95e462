//! Criterion benchmarks of the domain's hot paths: readiness for a target,
//! plan generation, and evidence tagging, on the built-in framework.
//! Run: `cargo bench -p leap-core` (figures in BENCHMARKS.md).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use leap_core::assessment::Levels;
use leap_core::framework::builtin;
use leap_core::plan::{generate, Record, Rejection, Request, DEFAULT_AT_ONCE};
use leap_core::readiness::assess;
use leap_core::tagging::Tagger;

fn benches(c: &mut Criterion) {
    let f = builtin().expect("the built-in framework");
    let role = f.role("it-manager").expect("it-manager");
    let mut levels = Levels::default();
    for (i, comp) in f.competencies.iter().enumerate() {
        levels.set(
            comp.id.clone(),
            f.scale.level("level", (i % 4) as i64).expect("level"),
        );
    }
    let evidence: BTreeMap<leap_core::CompetencyId, u32> = f
        .competencies
        .iter()
        .take(5)
        .map(|c| (c.id.clone(), 2))
        .collect();

    c.bench_function("readiness: senior admin toward IT manager", |b| {
        b.iter(|| {
            assess(
                black_box(&f),
                black_box(role),
                black_box(&levels),
                black_box(&evidence),
            )
        })
    });

    let readiness = assess(&f, role, &levels, &evidence);
    let current = f.role("senior-admin").expect("senior-admin");
    let now = assess(&f, current, &levels, &evidence);
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let exclude = BTreeSet::new();
    // A record like a real one: a journal, a lost interview with reasons
    // and one without.
    let record = Record {
        journal: vec![
            "Started my master's in technology management".to_owned(),
            "Ran the change advisory board while Sam was away".to_owned(),
        ],
        rejections: vec![
            Rejection {
                opportunity: 1,
                name: "IT manager at Northwind".to_owned(),
                reasons_given: false,
                cited: Vec::new(),
                too_technical: false,
            },
            Rejection {
                opportunity: 2,
                name: "IT manager at Contoso".to_owned(),
                reasons_given: true,
                cited: f
                    .competencies
                    .iter()
                    .filter(|c| c.id.as_str() == "budgeting-funding")
                    .map(|c| c.id.clone())
                    .collect(),
                too_technical: true,
            },
        ],
        ..Record::default()
    };
    let cited = BTreeMap::from([(
        leap_core::CompetencyId::stored("budgeting-funding").expect("id"),
        1,
    )]);
    c.bench_function("plan: generate 12 months", |b| {
        b.iter(|| {
            generate(black_box(&Request {
                framework: &f,
                role,
                aim: None,
                readiness: &readiness,
                current_role: Some(current),
                current: Some(&now),
                horizon_months: 12,
                start,
                exclude: &exclude,
                cited: &cited,
                record: &record,
                at_once: DEFAULT_AT_ONCE,
                despite_fit: false,
                year: None,
            }))
        })
    });

    c.bench_function("tagging: build the tagger", |b| {
        b.iter(|| Tagger::new(black_box(&f)))
    });
    let tagger = Tagger::new(&f);
    let text = "Delegated the weekly patching to Sam, coached him through the first run, and presented the budget forecast to the finance director";
    c.bench_function("tagging: suggest for one entry", |b| {
        b.iter(|| tagger.suggest(black_box(text)))
    });
    // A person with the most corrections leap learns from (100, the
    // newest kept: leap_store::TAG_CORRECTIONS_KEPT).
    let corrections: Vec<leap_core::tagging::Correction> = (0..100)
        .map(|i| leap_core::tagging::Correction {
            text: format!("Chaired ops stand-up number {i} and went through the open incidents"),
            chosen: vec!["service-operations".to_owned()],
            removed: vec!["leadership-delegation".to_owned()],
            reasons: false,
        })
        .collect();
    f.tagger();
    c.bench_function("tagging: suggest for one entry, 100 corrections", |b| {
        b.iter(|| {
            leap_core::tagging::tag(
                black_box(&f),
                black_box(text),
                leap_core::tagging::Source::Evidence,
                Vec::new(),
                black_box(&corrections),
            )
        })
    });
    c.bench_function("framework: parse and validate the built-in file", |b| {
        b.iter(builtin)
    });
}

criterion_group!(core, benches);
criterion_main!(core);
