//! Uploads over several server nodes (issue #14): nothing of an upload lives beside the base, so
//! a chunk may reach any node, and what one node learnt of a file every other node knows.

use crate::studio::{add_user, jpeg_with_gps, sign_in};
use crate::support::spawn_app;
use letopis_core::account::Role;

#[tokio::test]
async fn an_upload_goes_on_at_another_node_and_its_file_is_known_everywhere() {
    let app = spawn_app().await;
    let other = app.second_node().await;
    add_user(&app, "ivan@example.ru", "Иван", &[Role::Volunteer]);
    let s = sign_in(&app, "ivan@example.ru").await;
    let photo = jpeg_with_gps();
    let half = photo.len() / 2;
    let r = app
        .client
        .post(app.url("/studio/uploads"))
        .header("cookie", &s.cookie)
        .header("x-csrf-token", &s.csrf)
        .json(&serde_json::json!({ "name": "портрет.jpg", "size": photo.len() }))
        .send()
        .await
        .expect("create");
    assert_eq!(r.status(), 201);
    let id = r.json::<serde_json::Value>().await.expect("json")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let patch = |base: String, offset: usize, bytes: Vec<u8>| {
        let (client, cookie, csrf) = (app.client.clone(), s.cookie.clone(), s.csrf.clone());
        let id = id.clone();
        async move {
            client
                .patch(format!("{base}/studio/uploads/{id}"))
                .header("cookie", cookie)
                .header("x-csrf-token", csrf)
                .header("upload-offset", offset.to_string())
                .body(bytes)
                .send()
                .await
                .expect("chunk")
        }
    };
    // The first half reaches the second node.
    let r = patch(other.base.clone(), 0, photo[..half].to_vec()).await;
    assert_eq!(r.status(), 200);
    // The same chunk sent again to the first node (its answer was lost) is refused there: the
    // first node knows where the upload stands.
    let r = patch(app.base.clone(), 0, photo[..half].to_vec()).await;
    assert_eq!(r.status(), 409);
    assert_eq!(
        r.headers()
            .get("upload-offset")
            .and_then(|v| v.to_str().ok()),
        Some(half.to_string().as_str())
    );
    let status: serde_json::Value = app
        .client
        .get(app.url(&format!("/studio/uploads/{id}")))
        .header("cookie", &s.cookie)
        .send()
        .await
        .expect("status")
        .json()
        .await
        .expect("json");
    assert_eq!(status["offset"], half);
    // The rest reaches the first node, which completes the file.
    let r = patch(app.base.clone(), half, photo[half..].to_vec()).await;
    assert_eq!(r.status(), 200);
    let done: serde_json::Value = r.json().await.expect("json");
    assert_eq!(done["done"], true, "{done}");
    let web = done["file"]["sha256"]
        .as_str()
        .expect("web sha")
        .to_string();
    // The upload is gone from the base: neither node knows it any more.
    for base in [&app.base, &other.base] {
        let r = app
            .client
            .get(format!("{base}/studio/uploads/{id}"))
            .header("cookie", &s.cookie)
            .send()
            .await
            .expect("status");
        assert_eq!(r.status(), 404);
    }
    // The second node knows the file: it previews the thumbnail the first one made.
    let r = app
        .client
        .get(other.url(&format!("/studio/media/{web}")))
        .header("cookie", &s.cookie)
        .send()
        .await
        .expect("preview");
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("image/jpeg")
    );
    // Nothing was written beside the base.
    let beside = app.media_root.parent().expect("data directory");
    for old in ["uploads", "derivatives"] {
        assert!(!beside.join(old).exists(), "{old}/ beside the base");
    }
}
