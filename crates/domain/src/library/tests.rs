use super::*;

#[test]
fn moderation_table() {
    use LibraryAction as A;
    use LibraryStatus as S;
    assert_eq!(A::Submit.next(S::Draft, false), Some(S::OnReview));
    assert_eq!(A::Return.next(S::OnReview, false), Some(S::Returned));
    assert_eq!(A::Resubmit.next(S::Returned, false), Some(S::Resubmitted));
    assert_eq!(A::Publish.next(S::Resubmitted, false), Some(S::Published));
    assert_eq!(A::Submit.next(S::Published, true), None);
    assert_eq!(A::Unpublish.next(S::Published, true), Some(S::Unpublished));
    // A new version in review keeps its status when the public one is taken down.
    assert_eq!(A::Unpublish.next(S::OnReview, true), Some(S::OnReview));
    assert_eq!(A::Unpublish.next(S::OnReview, false), None);
}

#[test]
fn who_acts() {
    use LibraryActor as X;
    use LibraryStatus as S;
    let author = [X::Author];
    assert_eq!(
        LibraryAction::allowed_for(S::Draft, false, &author),
        vec![LibraryAction::Submit]
    );
    let trusted = [X::Author, X::TrustedAuthor];
    assert_eq!(
        LibraryAction::allowed_for(S::Draft, false, &trusted),
        vec![LibraryAction::Submit, LibraryAction::Publish]
    );
    // In review only the coordinator decides, even for a trusted author.
    assert!(LibraryAction::allowed_for(S::OnReview, false, &trusted).is_empty());
    assert_eq!(
        LibraryAction::allowed_for(S::OnReview, false, &[X::Coordinator]),
        vec![LibraryAction::Publish, LibraryAction::Return]
    );
    assert_eq!(S::OnReview.edit_mode(), None);
    assert_eq!(S::Published.edit_mode(), Some(EditMode::NewVersion));
    assert_eq!(S::Returned.edit_mode(), Some(EditMode::InPlace));
}

#[test]
fn input_rules() {
    let mut i = LibraryInput {
        version: None,
        material_type: MaterialType::Manual,
        title: " ".into(),
        description: String::new(),
        subject_ids: vec![],
        grades: vec![0, 5],
        activity_type: None,
        tags: vec![],
        authors: vec![],
        licence: Licence::CcBy,
        links: vec![LibraryLink {
            title: "Запись".into(),
            url: "ftp://x".into(),
        }],
        visibility: Visibility::Municipality,
    };
    let fields: Vec<String> = i
        .validate()
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        fields,
        vec!["title", "grades[0]", "authors", "links[0].url"]
    );
    i.title = "Пособие".into();
    i.grades = vec![5];
    i.authors = vec![LibraryAuthor {
        full_name: "Кедров А.П.".into(),
        organisation: None,
    }];
    i.links.clear();
    assert!(i.validate().is_ok());
}

#[test]
fn labels_and_synonyms() {
    assert_eq!(MaterialType::ALL.len(), 11);
    assert!(SYNONYMS.iter().all(|g| g.len() >= 2));
}

#[test]
fn history_tells_steps_in_the_past() {
    assert_eq!(super::event_label_ru("publish"), "Опубликован");
    assert_eq!(super::event_label_ru("return"), "Возвращён на доработку");
    assert_eq!(super::event_label_ru("create"), "Создан");
    for a in LibraryAction::ALL {
        assert_ne!(super::event_label_ru(a.as_str()), a.label_ru());
    }
}
