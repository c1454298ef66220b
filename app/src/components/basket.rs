//! The buying widgets of a product: add to basket, ask the enterprise.

use leptos::prelude::*;

use crate::components::form::{EnhancedForm, FormMessage, LocaleField, PostedError, TextArea};
use crate::error::AppError;
use crate::functions::orders::AskQuestion;
use crate::functions::orders::PutInBasket;
use crate::i18n::Locale;
use leptos::server_fn::ServerFn as _;

/// The "add to basket" form of a product page. A refusal (not that many
/// in stock, say) stands under the quantity, which keeps what was typed.
#[component]
pub fn AddToBasket(locale: Locale, product_id: i32, min_order: i32) -> impl IntoView {
    let action = PutInBasket::PATH;
    let posted = PostedError::from_query();
    let error = posted.for_action(action).map(|e| match e {
        AppError::Invalid(fields) => fields
            .iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
            .join(" "),
        e => e.message(locale),
    });
    let quantity = posted
        .typed("quantity")
        .filter(|_| error.is_some())
        .unwrap_or_else(|| min_order.to_string());
    view! {
        <EnhancedForm>
            <form method="post" action=action class="add-to-basket">
                <LocaleField locale/>
                <input type="hidden" name="product_id" value=product_id.to_string()/>
                <div class="field">
                    <label for="qty">{locale.tr().order_quantity()}</label>
                    <input id="qty" type="number" name="quantity" min=min_order.to_string() value=quantity
                        class="qty" inputmode="numeric" data-field="quantity" aria-describedby="err-quantity"
                        aria-invalid=error.is_some().then_some("true")/>
                    <p class="field-error" id="err-quantity" data-error-for="quantity" role="alert" hidden=error.is_none()>
                        {error.clone().unwrap_or_default()}
                    </p>
                </div>
                <FormMessage locale error=None/>
                <button type="submit" class="primary">{locale.tr().order_add_basket()}</button>
            </form>
        </EnhancedForm>
    }
}

/// "Ask the enterprise" on a product page: a question without ordering.
#[component]
pub fn AskQuestion(locale: Locale, product_id: i32) -> impl IntoView {
    let posted = PostedError::from_query();
    let action = AskQuestion::PATH;
    let error = posted.for_action(action).cloned();
    let open = error.is_some();
    let fields = posted.fields(action);
    view! {
        <details class="panel ask" open=open>
            <summary>{locale.tr().order_ask_enterprise()}</summary>
            <EnhancedForm>
                <form method="post" action=action class="stack">
                    <LocaleField locale/>
                    <input type="hidden" name="product_id" value=product_id.to_string()/>
                    <FormMessage locale error=error.clone()/>
                    <TextArea label=locale.tr().order_question_answer_comes_under().into()
                        name="question".into() key="question" maxlength=4000 errors=fields/>
                    <button type="submit">{locale.tr().order_send_question()}</button>
                </form>
            </EnhancedForm>
        </details>
    }
}
