//! The regional centres' pages: `/curator` (my centres), `/curator/<centre>`
//! (the desk: queue, enterprises, networks, events), `/curator/<centre>/e/<slug>`
//! (one enterprise under review), `/curator/<centre>/figures`,
//! `/curator/<centre>/featured` (the products the region features),
//! `/curator/<centre>/audit`, `/admin/audit`, and the printable event page
//! `/events/<slug>/print`. Every form works without JavaScript.

pub mod audit;
pub mod desk;
pub mod event_print;
pub mod featured;
pub mod figures;
pub mod home;
pub mod review;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::i18n::Locale;

/// The "saved" line a page shows after a change went through.
#[component]
pub(super) fn Saved(locale: Locale) -> impl IntoView {
    let saved = use_query_map().read_untracked().get("saved");
    saved.map(|what| {
        let text = match what.as_str() {
            "verified" => locale.tr().desk_enterprise_verified(),
            "answered" => locale.tr().desk_answer_was_sent_enterprise(),
            "suspended" => locale.tr().desk_enterprise_suspended(),
            "restored" => locale.tr().desk_enterprise_restored(),
            "hidden" => locale.tr().desk_product_hidden(),
            "shown" => locale.tr().desk_product_visible_again(),
            "network" => locale.tr().desk_network_was_created(),
            "invited" => locale.tr().desk_invitation_was_sent(),
            "logo" => locale.tr().desk_logo_was_uploaded(),
            "transferred" => locale.tr().desk_enterprise_was_transferred_waits(),
            "network-updated" => locale.tr().desk_network_was_updated(),
            "network-closed" => locale.tr().desk_network_was_closed(),
            "event-updated" => locale.tr().desk_event_was_updated(),
            "event-cancelled" => locale.tr().desk_event_was_cancelled(),
            "membership" => locale.tr().desk_membership_saved(),
            "participant" => locale.tr().desk_participant_saved(),
            _ => locale.tr().account_saved(),
        };
        view! { <p class="notice" role="status">{text}</p> }
    })
}

pub(super) fn centre_param() -> String {
    use_params_map()
        .read_untracked()
        .get("centre")
        .unwrap_or_default()
}
