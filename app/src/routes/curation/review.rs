//! `/curator/<centre>/e/<slug>`: one enterprise under review.

use crate::components::actions::{ActionButton, NextField, ReasonForm};
use crate::components::badges::verification;
use crate::components::form::{
    EnhancedForm, FormMessage, LocaleField, PostedError, SelectField, TextField,
};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::domain::ProductStatus;
use crate::domain::VerificationStatus;
use crate::format::{date, money};
use crate::functions::curation::HideProduct;
use crate::functions::curation::RefuseVerification;
use crate::functions::curation::SuspendEnterprise;
use crate::functions::curation::TransferEnterprise;
use crate::functions::curation::VerifyEnterprise;
use crate::functions::curation::get_review;
use crate::i18n::Locale;
use crate::models::Review;
use crate::routes::curation::Saved;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map().read_untracked();
    let centre = params.get("centre").unwrap_or_default();
    let slug = params.get("slug").unwrap_or_default();
    let data = Resource::new(
        move || (locale, centre.clone(), slug.clone()),
        |(l, c, s)| get_review(l, c, s),
    );
    view! { {with_data(locale, data, move |review| view! { <ReviewView locale review/> })} }
}

#[component]
fn ReviewView(locale: Locale, review: Review) -> impl IntoView {
    let e = review.enterprise.clone();
    let t = locale.tr();
    let posted = PostedError::from_query();
    let verify_action = VerifyEnterprise::PATH;
    let verify_errors = posted.fields(verify_action);
    let verify_error = posted.for_action(verify_action).cloned();
    let refuse_errors = posted.fields(RefuseVerification::PATH);
    let suspend_errors = posted.fields(SuspendEnterprise::PATH);
    let hide_errors = posted.fields(HideProduct::PATH);
    let transfer_action = TransferEnterprise::PATH;
    let transfer_errors = posted.fields(transfer_action);
    let other_error = [
        RefuseVerification::PATH,
        SuspendEnterprise::PATH,
        HideProduct::PATH,
        transfer_action,
    ]
    .iter()
    .find_map(|a| posted.for_action(a).cloned())
    .filter(|e| !matches!(e, crate::error::AppError::Invalid(_)));
    let classes = crate::components::form::options(crate::domain::RegisterClass::code);
    let id = e.id.to_string();
    let desk = locale.href(&format!("/curator/{}", review.centre_slug));
    view! {
        <PageTitle text=e.name.clone()/>
        <p><a href=desk>{"← "}{review.centre_name.clone()}</a></p>
        <h1>{e.name.clone()}</h1>
        <p>
            <span class=format!("badge status-{}", e.verification_status)>{verification(locale, e.verification_status, e.verified)}</span>
            " · "<a href=locale.href(&format!("/e/{}", e.slug))>{locale.tr().desk_public_page()}</a>
        </p>
        <Saved locale/>
        <FormMessage locale error=other_error/>
        {e.verification_note.clone().map(|n| view! { <p class="notice">{locale.tr().desk_note_enterprise()}{n}</p> })}
        {e.suspension_reason.clone().map(|r| view! { <p class="warning">{locale.tr().desk_suspended()}{r}</p> })}
        <section aria-labelledby="h-declared" class="panel">
            <h2 id="h-declared">{locale.tr().desk_declared()}</h2>
            <dl class="facts">
                <dt>{locale.tr().desk_eik_2()}</dt><dd>{e.eik.clone()}</dd>
                <dt>{locale.tr().desk_legal_form()}</dt><dd>{locale.tr().legal_form(e.legal_form)}</dd>
                <dt>{locale.tr().desk_place()}</dt><dd>{e.settlement.clone()}", "{e.district.clone()}</dd>
                <dt>{locale.tr().desk_contact()}</dt><dd>{e.email.clone()}" · "{e.phone.clone()}</dd>
                <dt>{locale.tr().desk_register_entry()}</dt>
                <dd>{e.register_entry.clone().unwrap_or_else(|| "—".into())}" "{e.register_class.map(|c| c.code())}
                    {e.certified_on.map(|d| view! { " · "{locale.tr().desk_from()}{date(d, locale)} })}
                    {e.valid_until.map(|d| view! { " · "{locale.tr().desk_until()}{date(d, locale)} })}
                </dd>
                <dt>{locale.tr().desk_employed()}</dt>
                <dd>{e.employees_total}" ("{e.employees_vulnerable}" "{locale.tr().desk_from_vulnerable_groups()}")"</dd>
                <dt>{locale.tr().desk_profit_reinvested()}</dt><dd>{e.profit_reinvested_pct}" %"</dd>
                <dt>{locale.tr().desk_vulnerable_groups()}</dt>
                <dd>{e.impact_groups.iter().map(|g| t.impact_group(*g)).collect::<Vec<_>>().join(", ")}</dd>
            </dl>
            <p class="prose">{e.description.clone()}</p>
        </section>

        <section aria-labelledby="h-verify" class="panel">
            <h2 id="h-verify">{locale.tr().desk_check_against_register_social()}</h2>
            <p>
                <a href=crate::links::SOCIAL_ENTERPRISE_REGISTER target="_blank" rel="noopener noreferrer">{locale.tr().desk_open_social_register()}</a>
                " · "
                <a href=crate::links::COMMERCIAL_REGISTER target="_blank" rel="noopener noreferrer">{locale.tr().desk_open_commercial_register()}</a>
                " ("{locale.tr().desk_eik_2()}" "<span class="eik">{e.eik.clone()}</span>")"
            </p>
            <EnhancedForm>
                <form method="post" action=verify_action class="stack">
                    <LocaleField locale/>
                    <NextField/>
                    <input type="hidden" name="enterprise_id" value=e.id.to_string()/>
                    <FormMessage locale error=verify_error/>
                    <TextField label=locale.tr().desk_entry_number().into() name="input[register_entry]".into() key="register_entry"
                        value=e.register_entry.clone().unwrap_or_default() required=true maxlength=40 errors=verify_errors.clone()/>
                    <SelectField label=locale.tr().desk_class().into() name="input[register_class]".into() key="register_class" options=classes
                        value=e.register_class.map(|c| c.code().to_string()).unwrap_or_default() required=true errors=verify_errors.clone()/>
                    <TextField label=locale.tr().desk_certificate_date().into() name="input[certified_on]".into() key="certified_on"
                        kind="date" value=e.certified_on.map(|d| d.to_string()).unwrap_or_default() required=true errors=verify_errors.clone()/>
                    <TextField label=locale.tr().desk_valid_until().into() name="input[valid_until]".into() key="valid_until"
                        kind="date" value=e.valid_until.map(|d| d.to_string()).unwrap_or_default() required=true errors=verify_errors.clone()/>
                    <button type="submit" class="primary">{locale.tr().desk_verify()}</button>
                </form>
            </EnhancedForm>
            {(e.verification_status == VerificationStatus::Unverified).then(|| view! {
                <div class="two-forms">
                    <ReasonForm locale action=RefuseVerification::PATH id="correction".into()
                        fields=vec![("enterprise_id", id.clone()), ("how", "correction".into())]
                        label=locale.tr().desk_what_enterprise_should_correct()
                        button=locale.tr().desk_ask_for_correction() errors=refuse_errors.clone()/>
                    <ReasonForm locale action=RefuseVerification::PATH id="reject".into()
                        fields=vec![("enterprise_id", id.clone()), ("how", "reject".into())]
                        label=locale.tr().desk_reason_for_refusing()
                        button=locale.tr().desk_refuse() errors=refuse_errors.clone()/>
                </div>
            })}
        </section>

        <section aria-labelledby="h-suspend" class="panel">
            <h2 id="h-suspend">{locale.tr().desk_suspension()}</h2>
            {if e.suspension_reason.is_some() {
                view! {
                    <ActionButton locale small=true come_back=true action=SuspendEnterprise::PATH
                        fields=vec![("enterprise_id", id.clone()), ("restore", "1".into())]
                        label=locale.tr().desk_restore_enterprise()/>
                }.into_any()
            } else {
                view! {
                    <ReasonForm locale action=SuspendEnterprise::PATH id="suspend".into()
                        fields=vec![("enterprise_id", id.clone())]
                        label=locale.tr().desk_reason_for_suspending_enterprise()
                        button=locale.tr().desk_suspend_enterprise() errors=suspend_errors/>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="h-transfer" class="panel">
            <h2 id="h-transfer">{locale.tr().desk_eik_dispute_transfer()}</h2>
            <p>{locale.tr().desk_if_someone_else_registered()}</p>
            <EnhancedForm>
                <form method="post" action=transfer_action class="stack">
                    <LocaleField locale/>
                    <NextField/>
                    <input type="hidden" name="enterprise_id" value=id.clone()/>
                    <TextField label=locale.tr().desk_e_mail_new_owner().into() name="new_owner".into() key="new_owner"
                        kind="email" required=true errors=transfer_errors.clone() prefix="transfer-"/>
                    <TextField label=locale.tr().desk_grounds_what_register_showed().into() name="reason".into() key="reason"
                        required=true maxlength=1000 errors=transfer_errors prefix="transfer-"/>
                    <button type="submit">{locale.tr().desk_transfer_enterprise()}</button>
                </form>
            </EnhancedForm>
        </section>

        <section aria-labelledby="h-products">
            <h2 id="h-products">{locale.tr().desk_products()}" ("{review.products.len()}")"</h2>
            <div class="table-scroll" role="region" aria-label=locale.tr().desk_products() tabindex="0">
                <table class="products-table">
                    <thead><tr>
                        <th scope="col">{locale.tr().desk_product()}</th>
                        <th scope="col">{locale.tr().desk_price()}</th>
                        <th scope="col">{locale.tr().desk_status()}</th>
                        <th scope="col">{locale.tr().desk_action()}</th>
                    </tr></thead>
                    <tbody>
                        {review.products.iter().map(|p| {
                            let pid = p.id.to_string();
                            view! {
                                <tr>
                                    <td>{if p.status == ProductStatus::Published {
                                        view! { <a href=locale.href(&format!("/p/{}", p.slug))>{p.title.clone()}</a> }.into_any()
                                    } else {
                                        view! { <span>{p.title.clone()}</span> }.into_any()
                                    }}
                                    {p.hidden_reason.clone().filter(|_| p.status == ProductStatus::Hidden).map(|r| view! { <br/><small class="warning">{r}</small> })}
                                    </td>
                                    <td>{money(p.price_cents, locale)}</td>
                                    <td>{match p.status {
                                        ProductStatus::Published => locale.tr().desk_published(),
                                        ProductStatus::Hidden => locale.tr().desk_hidden(),
                                        ProductStatus::Draft => locale.tr().desk_draft(),
                                    }}</td>
                                    <td>{match p.status {
                                        ProductStatus::Published => view! {
                                            <ReasonForm locale action=HideProduct::PATH id=format!("p{pid}")
                                                fields=vec![("product_id", pid.clone())]
                                                label=locale.tr().desk_reason()
                                                button=locale.tr().desk_hide() errors=hide_errors.clone()/>
                                        }.into_any(),
                                        ProductStatus::Hidden => view! {
                                            <ActionButton locale small=true come_back=true action=HideProduct::PATH
                                                fields=vec![("product_id", pid.clone()), ("show", "1".into())]
                                                label=locale.tr().desk_show_again()/>
                                        }.into_any(),
                                        ProductStatus::Draft => ().into_any(),
                                    }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
