use super::*;

fn v(code: &str, verdict: Option<Verdict>, remark: Option<&str>) -> VerdictEntry {
    VerdictEntry {
        code: code.into(),
        verdict,
        remark: remark.map(str::to_string),
    }
}

#[test]
fn every_type_has_six_to_ten_valid_criteria() {
    for t in DocumentType::ALL {
        let c = default_criteria(*t);
        assert!((6..=10).contains(&c.len()), "{t:?}: {}", c.len());
        assert!(
            c.iter().any(|c| c.critical),
            "{t:?} has no critical criterion"
        );
        let input = TemplateInput {
            version: 1,
            criteria: c,
        };
        assert_eq!(input.validate(), Ok(()), "{t:?}");
    }
    let wp = default_criteria(DocumentType::WorkProgramme);
    let titles: Vec<&str> = wp.iter().map(|c| c.title.as_str()).collect();
    assert!(titles.iter().any(|t| t.contains("Планируемые результаты")));
    assert!(titles
        .iter()
        .any(|t| t.contains("количеством академических часов")));
    assert!(titles.iter().any(|t| t.contains("программы воспитания")));
}

#[test]
fn workflow_table() {
    use ReviewAction as A;
    use ReviewStatus as S;
    assert_eq!(A::Assign.next(S::Submitted), Some(S::Assigned));
    assert_eq!(A::Start.next(S::Assigned), Some(S::InReview));
    assert_eq!(A::Return.next(S::InReview), Some(S::Returned));
    assert_eq!(A::Resubmit.next(S::Returned), Some(S::Resubmitted));
    assert_eq!(A::Start.next(S::Resubmitted), Some(S::InReview));
    assert_eq!(A::Accept.next(S::InReview), Some(S::Accepted));
    assert_eq!(A::Reject.next(S::InReview), Some(S::Rejected));
    assert_eq!(A::Accept.next(S::Submitted), None);
    for s in [S::Accepted, S::Rejected] {
        assert!(ReviewAction::allowed_from(s).is_empty());
        assert!(!s.is_open());
    }
    assert_eq!(
        ReviewAction::allowed_for(S::InReview, &[ReviewActor::Author]),
        vec![]
    );
    assert_eq!(
        ReviewAction::allowed_for(S::Returned, &[ReviewActor::Author]),
        vec![A::Resubmit]
    );
    assert_eq!(
        ReviewAction::allowed_for(
            S::Submitted,
            &[ReviewActor::Coordinator, ReviewActor::Expert]
        ),
        vec![A::Assign]
    );
}

#[test]
fn not_met_needs_a_remark_and_complete_needs_all() {
    let c = default_criteria(DocumentType::Ktp);
    let bad = vec![v(&c[0].code, Some(Verdict::NotMet), Some("  "))];
    let e = check_verdicts(&c, &bad, false).unwrap_err();
    assert_eq!(e[0].field, "verdicts[0].remark");
    let ok = vec![v(
        &c[0].code,
        Some(Verdict::NotMet),
        Some("Темы не совпадают"),
    )];
    assert_eq!(check_verdicts(&c, &ok, false), Ok(()));
    let e = check_verdicts(&c, &ok, true).unwrap_err();
    assert!(e.iter().all(|e| e.code == "incomplete"));
    assert_eq!(e.len(), c.len() - 1);
    let unknown = vec![v("nope", Some(Verdict::Met), None), v("nope", None, None)];
    let e = check_verdicts(&c, &unknown, false).unwrap_err();
    assert!(e.iter().any(|e| e.code == "duplicate"));
}

#[test]
fn critical_score_and_draft() {
    let c = default_criteria(DocumentType::Ktp);
    let mut all: Vec<VerdictEntry> = c
        .iter()
        .map(|c| v(&c.code, Some(Verdict::Met), None))
        .collect();
    assert_eq!(score(&c, &all), Some(100));
    assert!(unmet_critical(&c, &all).is_empty());
    let (text, recs) = conclusion_draft("КТП", &c, &all);
    assert!(text.contains("рекомендуется к использованию"), "{text}");
    assert!(recs.is_empty());
    all[0] = v(&c[0].code, Some(Verdict::NotMet), Some("Темы расходятся"));
    all[3] = v(&c[3].code, Some(Verdict::Partly), None);
    assert_eq!(unmet_critical(&c, &all).len(), 1);
    let s = score(&c, &all).unwrap();
    assert!(s < 100 && s > 50, "{s}");
    let (text, recs) = conclusion_draft("КТП", &c, &all);
    assert!(text.contains("требует доработки"), "{text}");
    assert!(recs.starts_with("1. "), "{recs}");
    assert!(recs.contains("Темы расходятся"));
    assert!(recs.contains("2. "));
    assert_eq!(score(&c, &[]), None);
}

#[test]
fn changes_between_rounds() {
    let a = vec![
        v("k1", Some(Verdict::NotMet), Some("нет")),
        v("k2", Some(Verdict::Met), None),
    ];
    let b = vec![
        v("k1", Some(Verdict::Met), None),
        v("k2", Some(Verdict::Met), Some(" ")),
        v("k3", None, None),
    ];
    assert_eq!(changed_criteria(&a, &b), vec!["k1".to_string()]);
    assert!(changed_criteria(&a, &a).is_empty());
}
