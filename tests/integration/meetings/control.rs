use super::*;

#[actix_web::test]
async fn open_decisions_come_back_on_the_next_meeting_until_done() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let first = held(&app, "2026-11-13", "Первое совещание").await;
    let ds = decisions(&first);
    app.post(
        &mark_path(&first, &ds[1]),
        &coord,
        json!({"done": true, "version": ds[1]["version"]}),
    )
    .await
    .ok(200);
    let next = called(&app, "2026-11-27", "Второе совещание").await;
    let control = controlled(&next, &first);
    assert_eq!(control.len(), 1);
    assert_eq!(control[0]["id"], ds[0]["id"]);
    assert_eq!(control[0]["meeting_topic"], "Первое совещание");
    assert_eq!(control[0]["meeting_date"], "2026-11-13");
    // The earlier meeting itself does not control its own decisions.
    assert_eq!(
        controlled(&app.get(&path(&first), &coord).await.ok(200), &first),
        Vec::<Value>::new()
    );
    // Done → gone from the next agenda.
    app.post(
        &mark_path(&first, &ds[0]),
        &coord,
        json!({"done": true, "version": ds[0]["version"]}),
    )
    .await
    .ok(200);
    assert_eq!(
        controlled(&app.get(&path(&next), &coord).await.ok(200), &first),
        Vec::<Value>::new()
    );
    // Reopened → back again.
    let d = app.get(&path(&first), &coord).await.ok(200);
    let d0 = decisions(&d)[0].clone();
    app.post(
        &mark_path(&first, &d0),
        &coord,
        json!({"done": false, "version": d0["version"]}),
    )
    .await
    .ok(200);
    assert_eq!(
        controlled(&app.get(&path(&next), &coord).await.ok(200), &first).len(),
        1
    );
}
