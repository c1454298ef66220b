//! Order requests: their kinds, statuses and the one state machine that
//! moves them.

use super::code::domain_enum;

domain_enum! {
    /// What a buyer sent.
    OrderKind {
        /// Goods from the basket, at the prices of the moment.
        Order = "order",
        /// A question about a product; answered in its thread, then closed.
        Question = "question",
        /// A request for a quote sent to members of a network.
        Quote = "quote",
    }
}

domain_enum! {
    /// Where a request stands.
    OrderStatus {
        Submitted = "submitted",
        /// The enterprise proposed other quantities or prices; the buyer
        /// confirms or cancels.
        Proposed = "proposed",
        Accepted = "accepted",
        Declined = "declined",
        Fulfilled = "fulfilled",
        Cancelled = "cancelled",
    }
}

domain_enum! {
    /// How the buyer would like to receive the goods.
    DeliveryWish {
        Pickup = "pickup",
        Delivery = "delivery",
        /// At an event of a regional centre.
        Event = "event",
    }
}

impl OrderStatus {
    /// Whether nothing can happen to the request any more.
    pub fn is_final(self) -> bool {
        match self {
            OrderStatus::Declined | OrderStatus::Fulfilled | OrderStatus::Cancelled => true,
            OrderStatus::Submitted | OrderStatus::Proposed | OrderStatus::Accepted => false,
        }
    }
}

/// What someone asks to do with a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    Accept,
    /// Accept with other quantities or prices, for the buyer to confirm.
    Propose,
    /// The buyer takes the enterprise's proposal.
    Confirm,
    Decline,
    Fulfil,
    Cancel,
}

impl Transition {
    pub const ALL: [Transition; 6] = [
        Transition::Accept,
        Transition::Propose,
        Transition::Confirm,
        Transition::Decline,
        Transition::Fulfil,
        Transition::Cancel,
    ];

    /// The code a form posts (`action=accept`).
    pub fn from_code(code: &str) -> Option<Transition> {
        match code {
            "accept" => Some(Transition::Accept),
            "propose" => Some(Transition::Propose),
            "confirm" => Some(Transition::Confirm),
            "decline" => Some(Transition::Decline),
            "fulfil" => Some(Transition::Fulfil),
            "cancel" => Some(Transition::Cancel),
            _ => None,
        }
    }
}

/// Who is asking, as far as the request is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Party {
    /// The request's buyer.
    pub buyer: bool,
    /// A member of the request's enterprise.
    pub member: bool,
    /// An admin (acts for the enterprise, never for the buyer).
    pub admin: bool,
}

impl Party {
    fn enterprise_side(self) -> bool {
        self.member || self.admin
    }
}

/// Why a transition is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The caller is a party, but not the one who may do this (403).
    NotYours,
    /// The caller is no party at all (an admin asking what only the buyer
    /// may do): as if the request were not there (404).
    NotFound,
    /// Not from this status (409).
    WrongStatus { from: OrderStatus },
    /// Questions are answered, not accepted, proposed or declined (409).
    NotForQuestions,
}

/// The one state machine of order requests: the status a request of
/// `kind` in `status` moves to when `party` asks for `t`, or why not.
///
/// - the enterprise accepts, proposes or declines a submitted request
///   (declines a proposed one too), and fulfils an accepted one; a question
///   is fulfilled (answered and closed) straight from submitted;
/// - the buyer confirms a proposal, and cancels anything not yet final
///   (but fulfilled);
/// - an admin acts for the enterprise; what only the buyer may do is, for
///   an admin who is no party, as if the request were not there.
///
/// # Errors
/// The [`Refusal`].
pub fn next(
    status: OrderStatus,
    kind: OrderKind,
    t: Transition,
    party: Party,
) -> Result<OrderStatus, Refusal> {
    use OrderStatus::*;
    use Transition::*;
    let by_enterprise = matches!(t, Accept | Propose | Decline | Fulfil);
    if by_enterprise && !party.enterprise_side() {
        return Err(Refusal::NotYours);
    }
    if !by_enterprise && !party.buyer {
        return Err(if party.member || !party.admin {
            Refusal::NotYours
        } else {
            Refusal::NotFound
        });
    }
    if kind == OrderKind::Question && matches!(t, Accept | Propose | Decline) {
        return Err(Refusal::NotForQuestions);
    }
    let to = match (t, status, kind) {
        (Accept, Submitted, _) => Accepted,
        (Propose, Submitted, _) => Proposed,
        (Confirm, Proposed, _) => Accepted,
        (Decline, Submitted | Proposed, _) => Declined,
        (Fulfil, Submitted, OrderKind::Question) => Fulfilled,
        (Fulfil, Accepted, OrderKind::Order | OrderKind::Quote) => Fulfilled,
        (Cancel, Submitted | Proposed | Accepted, _) => Cancelled,
        (_, from, _) => return Err(Refusal::WrongStatus { from }),
    };
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderKind::*;
    use OrderStatus::*;
    use Transition::*;

    const BUYER: Party = Party {
        buyer: true,
        member: false,
        admin: false,
    };
    const MEMBER: Party = Party {
        buyer: false,
        member: true,
        admin: false,
    };
    const ADMIN: Party = Party {
        buyer: false,
        member: false,
        admin: true,
    };
    const STRANGER: Party = Party {
        buyer: false,
        member: false,
        admin: false,
    };

    /// The whole table: every status, kind, transition and party. Each row
    /// the machine allows is listed; everything else must be refused, with
    /// the refusal the rules give.
    #[test]
    fn the_whole_table() {
        let allowed: &[(OrderStatus, Transition, &[OrderKind], Party, OrderStatus)] = &[
            (Submitted, Accept, &[Order, Quote], MEMBER, Accepted),
            (Submitted, Accept, &[Order, Quote], ADMIN, Accepted),
            (Submitted, Propose, &[Order, Quote], MEMBER, Proposed),
            (Submitted, Propose, &[Order, Quote], ADMIN, Proposed),
            (Submitted, Decline, &[Order, Quote], MEMBER, Declined),
            (Submitted, Decline, &[Order, Quote], ADMIN, Declined),
            (Proposed, Decline, &[Order, Quote], MEMBER, Declined),
            (Proposed, Decline, &[Order, Quote], ADMIN, Declined),
            (
                Proposed,
                Confirm,
                &[Order, Quote, Question],
                BUYER,
                Accepted,
            ),
            (Submitted, Fulfil, &[Question], MEMBER, Fulfilled),
            (Submitted, Fulfil, &[Question], ADMIN, Fulfilled),
            (Accepted, Fulfil, &[Order, Quote], MEMBER, Fulfilled),
            (Accepted, Fulfil, &[Order, Quote], ADMIN, Fulfilled),
            (
                Submitted,
                Cancel,
                &[Order, Quote, Question],
                BUYER,
                Cancelled,
            ),
            (
                Proposed,
                Cancel,
                &[Order, Quote, Question],
                BUYER,
                Cancelled,
            ),
            (
                Accepted,
                Cancel,
                &[Order, Quote, Question],
                BUYER,
                Cancelled,
            ),
        ];
        let mut checked = 0;
        for &status in OrderStatus::ALL {
            for &kind in OrderKind::ALL {
                for t in Transition::ALL {
                    for party in [BUYER, MEMBER, ADMIN, STRANGER] {
                        let got = next(status, kind, t, party);
                        let row = allowed.iter().find(|(s, tr, kinds, p, _)| {
                            *s == status && *tr == t && kinds.contains(&kind) && *p == party
                        });
                        let expected = match row {
                            Some((.., to)) => Ok(*to),
                            None => Err(expected_refusal(status, kind, t, party)),
                        };
                        assert_eq!(got, expected, "{status:?} {kind:?} {t:?} {party:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 6 * 3 * 6 * 4);
    }

    /// The refusal the rules give, in the order they are checked.
    fn expected_refusal(status: OrderStatus, kind: OrderKind, t: Transition, p: Party) -> Refusal {
        let by_enterprise = matches!(t, Accept | Propose | Decline | Fulfil);
        if by_enterprise && !(p.member || p.admin) {
            Refusal::NotYours
        } else if !by_enterprise && !p.buyer {
            if p.admin && !p.member {
                Refusal::NotFound
            } else {
                Refusal::NotYours
            }
        } else if kind == Question && matches!(t, Accept | Propose | Decline) {
            Refusal::NotForQuestions
        } else {
            Refusal::WrongStatus { from: status }
        }
    }

    #[test]
    fn a_buyer_who_is_also_a_member_may_do_both_sides() {
        let both = Party {
            buyer: true,
            member: true,
            admin: false,
        };
        assert_eq!(next(Submitted, Order, Accept, both), Ok(Accepted));
        assert_eq!(next(Submitted, Order, Cancel, both), Ok(Cancelled));
    }

    #[test]
    fn final_statuses_are_final() {
        for &s in OrderStatus::ALL {
            let any_way_out = Transition::ALL.iter().any(|&t| {
                OrderKind::ALL.iter().any(|&k| {
                    next(
                        s,
                        k,
                        t,
                        Party {
                            buyer: true,
                            member: true,
                            admin: true,
                        },
                    )
                    .is_ok()
                })
            });
            assert_eq!(any_way_out, !s.is_final(), "{s:?}");
        }
    }
}
