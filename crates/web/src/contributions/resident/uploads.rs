//! Photographs and documents on the files step and with answers: multipart forms, one file
//! each, checked and stored by `contributions::files`.

use super::*;

/// One uploaded file with its caption and date, read from a multipart form (with the text
/// fields that came with it).
pub(super) struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
    pub fields: Vec<(String, String)>,
}

pub(super) async fn read_multipart(mut form: Multipart) -> Result<Upload, Message> {
    let mut up = Upload {
        name: String::new(),
        bytes: Vec::new(),
        fields: Vec::new(),
    };
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(Message::new("contributions-file-too-big").arg(
                    "max",
                    letopis_media::human_size(files::MAX_FILE_BYTES as u64),
                ));
            }
            Err(_) => return Err(Message::new("contributions-error-form")),
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            up.name = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(|e| {
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Message::new("contributions-file-too-big").arg(
                        "max",
                        letopis_media::human_size(files::MAX_FILE_BYTES as u64),
                    )
                } else {
                    Message::new("contributions-error-form")
                }
            })?;
            up.bytes = bytes.to_vec();
        } else {
            let text = field
                .text()
                .await
                .map_err(|_| Message::new("contributions-error-form"))?;
            up.fields.push((name, text));
        }
    }
    Ok(up)
}

/// Stores the upload's file for the submission; `late` after sending.
pub(super) async fn store_upload(
    app: &App,
    s: &Submission,
    up: &Upload,
    late: bool,
) -> Result<Option<i64>, Message> {
    if up.bytes.is_empty() {
        return Ok(None);
    }
    let caption = value(&up.fields, "caption").to_string();
    let date = value(&up.fields, "date").to_string();
    let (app2, bytes, name) = (app.clone(), up.bytes.clone(), up.name.clone());
    let file =
        tokio::task::spawn_blocking(move || files::accept(&app2, &bytes, &name, &caption, &date))
            .await
            .map_err(|_| Message::new("contributions-file-unavailable"))??;
    let id = s.id;
    match app
        .contributions_call(move |c| c.add_file(id, file, late, now()))
        .await
    {
        Ok(file_id) => Ok(Some(file_id.0)),
        Err(AppError::BadRequest(m)) => Err(m),
        Err(_) => Err(Message::new("contributions-file-count").arg("max", MAX_FILES.to_string())),
    }
}

pub(crate) async fn upload_file(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    Path(token): Path<String>,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    let s = open(&app, &token).await?;
    if let Some(r) = still_draft(&s, &token) {
        return Ok(r);
    }
    let result = match form {
        Ok(form) => match read_multipart(form).await {
            Ok(up) if up.bytes.is_empty() => Err(Message::new("contributions-file-none")),
            Ok(up) if value(&up.fields, "caption").trim().is_empty() => {
                Err(Message::new("contributions-file-caption"))
            }
            Ok(up) => store_upload(&app, &s, &up, false).await,
            Err(m) => Err(m),
        },
        Err(_) => Err(Message::new("contributions-error-form")),
    };
    match result {
        Ok(_) => Ok(see_other(format!("{}/step/files#files", here(&token)))),
        Err(m) => {
            let text = ctx.t.message(&m);
            let page = render_step(
                &app,
                &viewer,
                &ctx,
                &token,
                &s,
                Step::Files,
                Vec::new(),
                Some(text),
            )
            .await?;
            Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY))
        }
    }
}

#[derive(Debug, Deserialize, Default)]
pub(crate) struct FileQuery {
    #[serde(default)]
    thumb: Option<String>,
}

pub(crate) async fn file(
    State(app): State<App>,
    Path((token, file_id)): Path<(String, String)>,
    Query(q): Query<FileQuery>,
) -> Result<Response, AppError> {
    let s = open(&app, &token).await?;
    let file_id: i64 = file_id.parse().map_err(|_| AppError::NotFound)?;
    let id = s.id;
    let list = app.contributions_call(move |c| c.files(id)).await?;
    let f = list
        .iter()
        .find(|f| f.id == letopis_core::SubmissionFileId(file_id))
        .ok_or(AppError::NotFound)?;
    files::serve(&app, f, q.thumb.is_some()).await
}

pub(crate) async fn edit_file(
    State(app): State<App>,
    Path((token, file_id)): Path<(String, String)>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) =
        form.map_err(|_| AppError::BadRequest(Message::new("contributions-error-form")))?;
    let s = open(&app, &token).await?;
    if let Some(r) = still_draft(&s, &token) {
        return Ok(r);
    }
    let file_id: i64 = file_id.parse().map_err(|_| AppError::NotFound)?;
    let id = s.id;
    if value(&form, "action") == "remove" {
        let orphan = app
            .contributions_call(move |c| c.remove_file(id, letopis_core::SubmissionFileId(file_id)))
            .await?;
        files::remove_orphans(&app, orphan.into_iter().collect()).await;
    } else {
        let caption: String = value(&form, "caption").trim().chars().take(500).collect();
        let date: String = value(&form, "date").trim().chars().take(100).collect();
        app.contributions_call(move |c| {
            c.describe_file(id, letopis_core::SubmissionFileId(file_id), &caption, &date)
        })
        .await?;
    }
    Ok(see_other(format!("{}/step/files#files", here(&token))))
}
