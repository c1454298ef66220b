//! Forms that work with and without JavaScript, and show each refusal next
//! to its field in the reader's language.
//!
//! Every form posts to its server function. Without JavaScript the browser
//! navigates: on success the function redirects, on error the server sends
//! the reader back with the error in the address (`__err`), and the page
//! renders it beside the fields. With JavaScript, [`EnhancedForm`] sends the
//! same form with `fetch`, keeps what was typed, shows the refusals in place
//! and blocks a second submit while the first is on its way. One small
//! island serves every form, so forms add almost nothing to the wasm.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::error::status_message;
use crate::error::{AppError, FieldError};
use crate::i18n::Locale;

/// The outcome of the last no-JavaScript post, read from the address.
#[derive(Clone, Debug, Default)]
pub struct PostedError {
    pub path: String,
    pub error: Option<AppError>,
    /// What the reader had typed in the refused form (`__form`), by name.
    pub typed: Vec<(String, String)>,
}

impl PostedError {
    /// Reads `__path` and `__err` (base64 of the error's JSON), as
    /// server_fn writes them when a plain form post fails, and shows them
    /// only when the server signed them for this reader a moment ago
    /// (`__ts`, `__sig`; see [`crate::server::kernel::signing`]): a crafted link
    /// cannot put words of its own in a form's error box.
    pub fn from_query() -> PostedError {
        use base64::Engine;
        let q = use_query_map().read_untracked();
        // A failed post after a failed post appends a second set to the
        // address; the last one is the latest.
        let last = |k: &str| q.get_all(k).and_then(|v| v.last().cloned());
        let (Some(path), Some(err)) = (last("__path"), last("__err")) else {
            return PostedError::default();
        };
        if !genuine(
            &path,
            &err,
            &last("__ts").unwrap_or_default(),
            &last("__sig").unwrap_or_default(),
        ) {
            return PostedError::default();
        }
        let error = base64::engine::general_purpose::URL_SAFE
            .decode(err.as_bytes())
            .ok()
            .and_then(|bytes| serde_json::from_slice::<AppError>(&bytes).ok());
        let typed = last("__form")
            .and_then(|f| {
                base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(f.as_bytes())
                    .ok()
            })
            .map(|b| url::form_urlencoded::parse(&b).into_owned().collect())
            .unwrap_or_default();
        PostedError { path, error, typed }
    }

    /// What the reader typed in the field `name` of the refused form.
    pub fn typed(&self, name: &str) -> Option<String> {
        self.error.as_ref()?;
        self.typed
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    /// The error of the form posting to `action`, if it was that form's.
    pub fn for_action(&self, action: &str) -> Option<&AppError> {
        self.error.as_ref().filter(|_| self.path == action)
    }

    pub fn fields(&self, action: &str) -> Vec<FieldError> {
        match self.for_action(action) {
            Some(AppError::Invalid(f)) => f.clone(),
            _ => vec![],
        }
    }
}

impl PostedError {
    /// The refusal of one copy of a form repeated on a page (one per
    /// network, per account…): the copy whose hidden `field` was `id`.
    /// Only that copy shows the errors and what was typed; the others
    /// show their own values.
    pub fn copy_of(&self, action: &str, field: &str, id: impl ToString) -> RefusedCopy {
        let mine = self.for_action(action).is_some() && self.typed(field) == Some(id.to_string());
        if !mine {
            return RefusedCopy::default();
        }
        RefusedCopy {
            mine,
            errors: self.fields(action),
            error: self.for_action(action).cloned(),
            typed: self.typed.clone(),
        }
    }
}

/// See [`PostedError::copy_of`].
#[derive(Clone, Debug, Default)]
pub struct RefusedCopy {
    /// This copy was sent and refused.
    pub mine: bool,
    pub errors: Vec<FieldError>,
    pub error: Option<AppError>,
    typed: Vec<(String, String)>,
}

impl RefusedCopy {
    /// What was typed in `name` when this copy was refused, else `value`
    /// (for fields with `fixed`).
    pub fn typed(&self, name: &str, value: String) -> String {
        self.typed
            .iter()
            .find(|(k, _)| k == name)
            .map_or(value, |(_, v)| v.clone())
    }
}

/// Whether the server signed this error for this reader (server only: the
/// pages that show posted errors are rendered there).
#[cfg(feature = "ssr")]
fn genuine(path: &str, err: &str, ts: &str, sig: &str) -> bool {
    let Some(state) = use_context::<crate::server::AppState>() else {
        return false;
    };
    let reader = with_context::<axum::http::request::Parts, _>(|p| {
        crate::server::sessions::cookie(&p.headers, crate::server::sessions::COOKIE)
    })
    .flatten()
    .unwrap_or_default();
    crate::server::kernel::signing::genuine_form_error(
        &state.signer,
        path,
        err,
        ts,
        sig,
        &reader,
        chrono::Utc::now().timestamp(),
    )
}

#[cfg(not(feature = "ssr"))]
fn genuine(_: &str, _: &str, _: &str, _: &str) -> bool {
    false
}

/// Wraps one server-rendered `<form>` and, in the browser, sends it without
/// leaving the page.
#[island]
pub fn EnhancedForm(children: Children) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(el) = root.get() {
            enhance::attach(&el);
        }
    });
    view! { <div class="enhanced-form" node_ref=root>{children()}</div> }
}

/// The message area of a form: errors not about one field, and (for the
/// island) the texts for each kind of failure.
#[component]
pub fn FormMessage(locale: Locale, error: Option<AppError>) -> impl IntoView {
    let (text, lines) = match &error {
        Some(AppError::Invalid(fields)) => (
            None,
            fields
                .iter()
                .filter(|f| f.field == "_form" || f.field.starts_with("line:"))
                .map(|f| f.message.clone())
                .collect::<Vec<_>>(),
        ),
        Some(e) => (Some(e.message(locale)), vec![]),
        None => (None, vec![]),
    };
    let has = text.is_some() || !lines.is_empty();
    view! {
        <div
            class="form-message"
            data-error-for="_form"
            role="alert"
            hidden=!has
            data-msg-401=status_message(locale, 401)
            data-msg-403=status_message(locale, 403)
            data-msg-404=status_message(locale, 404)
            data-msg-409=status_message(locale, 409)
            data-msg-429=status_message(locale, 429)
            data-msg-500=status_message(locale, 500)
            data-msg-503=status_message(locale, 503)
            data-msg-422=locale.tr().form_please_check_marked_fields()
        >
            {text.map(|t| view! { <p>{t}</p> })}
            <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
        </div>
    }
}

fn message_for(errors: &[FieldError], key: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == key)
        .map(|e| e.message.clone())
}

/// The refusal of one field (empty until there is one).
#[component]
pub fn FieldError(
    key: &'static str,
    errors: Vec<FieldError>,
    /// Sets apart the ids of two forms on one page with the same fields.
    #[prop(optional, into)]
    prefix: String,
) -> impl IntoView {
    let msg = message_for(&errors, key);
    let hidden = msg.is_none();
    view! {
        <p class="field-error" id=format!("err-{prefix}{key}") data-error-for=key hidden=hidden>
            {msg.unwrap_or_default()}
        </p>
    }
}

/// What the field shows: what the reader typed in the refused form, else
/// `value`.
fn kept(fixed: bool, name: &str, value: String) -> String {
    if fixed {
        return value;
    }
    PostedError::from_query().typed(name).unwrap_or(value)
}

/// A labelled single-line input with its refusal.
#[component]
pub fn TextField(
    label: String,
    /// The form's name for the value (e.g. `input[title]`).
    name: String,
    /// The key refusals use (e.g. `title`).
    key: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] inputmode: Option<&'static str>,
    #[prop(optional)] maxlength: Option<u32>,
    errors: Vec<FieldError>,
    /// Sets apart the ids of two forms on one page with the same fields.
    #[prop(optional, into)]
    prefix: String,
    /// The caller decides the value (a form repeated on the page, which
    /// keeps what was typed only in the copy that was sent).
    #[prop(optional)]
    fixed: bool,
) -> impl IntoView {
    let id = format!("f-{prefix}{key}");
    let invalid = message_for(&errors, key).is_some();
    let value = kept(fixed, &name, value);
    let hint_id = format!("hint-{prefix}{key}");
    let described = if hint.is_some() {
        format!("err-{prefix}{key} {hint_id}")
    } else {
        format!("err-{prefix}{key}")
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(view! { <span class="req" aria-hidden="true">" *"</span> })}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                id=id
                type=kind
                name=name
                value=value
                required=required
                autocomplete=autocomplete
                inputmode=inputmode
                maxlength=maxlength.map(|m| m.to_string())
                data-field=key
                aria-invalid=invalid.then_some("true")
                aria-describedby=described
            />
            <FieldError key errors prefix/>
        </div>
    }
}

/// A labelled multi-line input with its refusal.
#[component]
pub fn TextArea(
    label: String,
    name: String,
    key: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] maxlength: Option<u32>,
    errors: Vec<FieldError>,
    #[prop(optional, into)] prefix: String,
    #[prop(optional)] fixed: bool,
) -> impl IntoView {
    let id = format!("f-{prefix}{key}");
    let invalid = message_for(&errors, key).is_some();
    let value = raw_text(kept(fixed, &name, value));
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                name=name
                rows="5"
                maxlength=maxlength.map(|m| m.to_string())
                data-field=key
                aria-invalid=invalid.then_some("true")
                aria-describedby=format!("err-{prefix}{key}")
            >
                {value}
            </textarea>
            <FieldError key errors prefix/>
        </div>
    }
}

/// The text of a `<textarea>`, safe to write as its child. Leptos writes
/// the children of `<textarea>` (like those of `<script>`) without escaping
/// them, so a stored `</textarea><img onerror=…>` would become markup on the
/// server-rendered page; escaped here, the browser decodes it back and the
/// reader sees the text as typed. (In the browser the child becomes a text
/// node, which needs no escaping.)
pub fn raw_text(value: String) -> String {
    #[cfg(feature = "ssr")]
    return html_escape::encode_text(&value).into_owned();
    #[cfg(not(feature = "ssr"))]
    value
}

/// The options of a select of a domain enum: its codes with their labels.
pub fn options<T: crate::domain::Code>(label: impl Fn(T) -> &'static str) -> Vec<(String, String)> {
    T::all()
        .iter()
        .map(|v| (v.code().to_string(), label(*v).to_string()))
        .collect()
}

/// A labelled select with its refusal.
#[component]
pub fn SelectField(
    label: String,
    name: String,
    key: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional, into)] value: String,
    #[prop(optional)] required: bool,
    errors: Vec<FieldError>,
    #[prop(optional, into)] prefix: String,
    #[prop(optional)] fixed: bool,
    /// What the empty choice says (by default a dash).
    #[prop(optional, into)]
    empty: Option<String>,
) -> impl IntoView {
    let value = kept(fixed, &name, value);
    let id = format!("f-{prefix}{key}");
    let invalid = message_for(&errors, key).is_some();
    let empty = empty.unwrap_or_else(|| "—".to_string());
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(view! { <span class="req" aria-hidden="true">" *"</span> })}</label>
            <select
                id=id
                name=name
                required=required
                data-field=key
                aria-invalid=invalid.then_some("true")
                aria-describedby=format!("err-{prefix}{key}")
            >
                <option value="">{empty}</option>
                {options
                    .into_iter()
                    .map(|(v, l)| {
                        let selected = v == value;
                        view! { <option value=v selected=selected>{l}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldError key errors prefix/>
        </div>
    }
}

/// The hidden language field every form sends, so refusals come back in
/// the reader's language.
#[component]
pub fn LocaleField(locale: Locale) -> impl IntoView {
    view! { <input type="hidden" name="locale" value=locale.code()/> }
}

#[cfg(feature = "hydrate")]
mod enhance {
    use wasm_bindgen::{JsCast, closure::Closure};
    use web_sys::{Element, FormData, HtmlFormElement, RequestInit, SubmitEvent, UrlSearchParams};

    /// What the island reads of a refusal: the sentences the server wrote
    /// in the page's language, not the codes. Reading the whole `AppError`
    /// would put a decoder for every refusal and conflict in the wasm; any
    /// other error fails to parse here and gets the message of its status.
    #[derive(serde::Deserialize)]
    enum Refusal {
        Invalid(Vec<RefusedField>),
        Conflict {
            #[serde(default)]
            message: String,
        },
    }

    #[derive(serde::Deserialize)]
    struct RefusedField {
        field: String,
        #[serde(default)]
        message: String,
    }

    pub fn attach(root: &Element) {
        let Some(form) = root
            .query_selector("form")
            .ok()
            .flatten()
            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let target = form.clone();
        let on_submit = Closure::<dyn FnMut(SubmitEvent)>::new(move |ev: SubmitEvent| {
            ev.prevent_default();
            submit(target.clone(), ev.submitter());
        });
        let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        // The form lives as long as the page.
        on_submit.forget();
    }

    fn submit(form: HtmlFormElement, submitter: Option<web_sys::HtmlElement>) {
        // A double click sends one request.
        if form.get_attribute("aria-busy").as_deref() == Some("true") {
            return;
        }
        let _ = form.set_attribute("aria-busy", "true");
        let Ok(data) = FormData::new_with_form(&form) else {
            return;
        };
        if let Some(b) = submitter
            && let (Some(name), Some(value)) = (b.get_attribute("name"), b.get_attribute("value"))
        {
            let _ = data.append_with_str(&name, &value);
        }
        let init = RequestInit::new();
        init.set_method("POST");
        if form.enctype() == "multipart/form-data" {
            init.set_body(&data);
        } else if let Ok(params) = UrlSearchParams::new_with_str_sequence_sequence(&data) {
            init.set_body(&params);
        }
        if let Ok(headers) = web_sys::Headers::new() {
            let _ = headers.set("Accept", "application/json");
            init.set_headers(&headers);
        }
        let action = form.action();
        leptos::task::spawn_local(async move {
            let outcome = send(&action, &init).await;
            let _ = form.remove_attribute("aria-busy");
            match outcome {
                Ok(Outcome::Go(href)) => {
                    let _ = web_sys::window().map(|w| w.location().set_href(&href));
                }
                Ok(Outcome::Reload) => {
                    let _ = web_sys::window().map(|w| w.location().reload());
                }
                Ok(Outcome::Refused(status, error)) => show(&form, status, error),
                Err(()) => show(&form, 0, None),
            }
        });
    }

    enum Outcome {
        Go(String),
        Reload,
        Refused(u16, Option<Refusal>),
    }

    async fn send(action: &str, init: &RequestInit) -> Result<Outcome, ()> {
        use wasm_bindgen_futures::JsFuture;
        let window = web_sys::window().ok_or(())?;
        let resp: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(action, init))
            .await
            .map_err(|_| ())?
            .dyn_into()
            .map_err(|_| ())?;
        let headers = resp.headers();
        if resp.ok() {
            if let Ok(Some(href)) = headers.get("location") {
                return Ok(Outcome::Go(href));
            }
            return Ok(Outcome::Reload);
        }
        let text = JsFuture::from(resp.text().map_err(|_| ())?)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default();
        Ok(Outcome::Refused(
            resp.status(),
            serde_json::from_str(&text).ok(),
        ))
    }

    fn show(form: &HtmlFormElement, status: u16, error: Option<Refusal>) {
        // Clear what the last attempt showed.
        if let Ok(nodes) = form.query_selector_all("[data-error-for]") {
            for i in 0..nodes.length() {
                if let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    if el.get_attribute("data-error-for").as_deref() == Some("_form") {
                        el.set_inner_html("");
                    } else {
                        el.set_text_content(None);
                    }
                    let _ = el.set_attribute("hidden", "");
                }
            }
        }
        if let Ok(nodes) = form.query_selector_all("[aria-invalid]") {
            for i in 0..nodes.length() {
                if let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = el.remove_attribute("aria-invalid");
                }
            }
        }
        let summary = form
            .query_selector("[data-error-for=\"_form\"]")
            .ok()
            .flatten();
        let doc = web_sys::window().and_then(|w| w.document());
        let add_line = |text: &str| {
            if let (Some(s), Some(doc)) = (&summary, &doc)
                && let Ok(p) = doc.create_element("p")
            {
                p.set_text_content(Some(text));
                let _ = s.append_child(&p);
                let _ = s.remove_attribute("hidden");
            }
        };
        let generic = |code: u16| {
            summary
                .as_ref()
                .and_then(|s| {
                    s.get_attribute(&format!("data-msg-{code}"))
                        .or_else(|| s.get_attribute("data-msg-500"))
                })
                .unwrap_or_default()
        };
        let mut first: Option<web_sys::HtmlElement> = None;
        match error {
            Some(Refusal::Invalid(fields)) => {
                let mut placed_any = false;
                for f in &fields {
                    let placed = form
                        .query_selector(&format!("[data-error-for=\"{}\"]", f.field))
                        .ok()
                        .flatten()
                        .filter(|_| f.field != "_form");
                    match placed {
                        Some(el) => {
                            el.set_text_content(Some(&f.message));
                            let _ = el.remove_attribute("hidden");
                            if let Ok(Some(input)) =
                                form.query_selector(&format!("[data-field=\"{}\"]", f.field))
                            {
                                let _ = input.set_attribute("aria-invalid", "true");
                                if first.is_none() {
                                    first = input.dyn_into().ok();
                                }
                            }
                            placed_any = true;
                        }
                        None => add_line(&f.message),
                    }
                }
                if placed_any {
                    add_line(&generic(422));
                }
            }
            // A conflict comes with its sentence in the page's language.
            Some(Refusal::Conflict { message }) if !message.is_empty() => add_line(&message),
            _ => add_line(&generic(status)),
        }
        match first {
            Some(input) => {
                let _ = input.focus();
            }
            None => {
                if let Some(s) = summary.and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = s.set_attribute("tabindex", "-1");
                    let _ = s.focus();
                }
            }
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::error::Problem;

    const PAYLOAD: &str = "x </textarea><img src=x onerror=alert(1)><textarea> \" ' &";

    fn render(view: impl FnOnce() -> AnyView) -> String {
        let owner = Owner::new();
        owner.with(|| {
            // The address a router would give: fields look in it for what
            // a refused form had typed.
            provide_context(ArcRwSignal::new(leptos_router::location::Url::default()));
            view().to_html()
        })
    }

    fn assert_inert(html: &str, kind: &str) {
        assert!(
            !html.contains("<img"),
            "{kind}: the value became markup: {html}"
        );
        assert!(!html.contains("</textarea><img"), "{kind}: {html}");
    }

    #[test]
    fn every_kind_of_field_writes_its_value_as_text() {
        let html = render(|| {
            view! { <TextArea label=PAYLOAD.into() name="d".into() key="description" value=PAYLOAD errors=vec![]/> }
                .into_any()
        });
        assert_inert(&html, "textarea");
        assert!(html.contains("x &lt;/textarea&gt;&lt;img"), "{html}");
        let html = render(|| {
            view! { <TextField label=PAYLOAD.into() name="t".into() key="title" value=PAYLOAD hint=PAYLOAD errors=vec![]/> }
                .into_any()
        });
        assert_inert(&html, "input");
        let html = render(|| {
            view! {
                <SelectField label=PAYLOAD.into() name="s".into() key="category"
                    options=vec![(PAYLOAD.to_string(), PAYLOAD.to_string())] value=PAYLOAD errors=vec![]/>
            }
            .into_any()
        });
        assert_inert(&html, "select");
        let errors = vec![FieldError {
            field: "title".into(),
            code: Problem::Required,
            message: PAYLOAD.into(),
        }];
        let html = render(|| view! { <FieldError key="title" errors/> }.into_any());
        assert_inert(&html, "field error");
        let html = render(|| {
            view! { <FormMessage locale=Locale::Bg error=Some(AppError::conflict(crate::error::Conflict::Stock { product: PAYLOAD.into(), left: 3 }))/> }
                .into_any()
        });
        assert_inert(&html, "form message");
    }
}
