//! Roles and the permission matrix. The API enforces it per object (see
//! `crates/api/src/auth.rs`); the SPA uses it to show only what a role may do; the README
//! prints it (`cargo run -p tutornet-api -- permissions`).

use serde::{Deserialize, Serialize};

/// A user's role. Everyone belongs to a region; coordinators, tutors, teachers and school
/// administrators also to a municipality; teachers and school administrators to a school.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Региональный администратор.
    Admin,
    /// Координатор (руководитель) муниципального сообщества тьюторов.
    Coordinator,
    /// Тьютор.
    Tutor,
    /// Учитель-предметник (тьюторант).
    #[default]
    Teacher,
    /// Администрация школы (директор, заместитель по УВР).
    SchoolAdmin,
    /// Наблюдатель или внешняя (региональная) система: только чтение.
    Observer,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Coordinator,
        Role::Tutor,
        Role::Teacher,
        Role::SchoolAdmin,
        Role::Observer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Tutor => "tutor",
            Role::Teacher => "teacher",
            Role::SchoolAdmin => "school_admin",
            Role::Observer => "observer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The label the UI shows.
    pub fn label_ru(self) -> &'static str {
        match self {
            Role::Admin => "Региональный администратор",
            Role::Coordinator => "Координатор сообщества",
            Role::Tutor => "Тьютор",
            Role::Teacher => "Учитель",
            Role::SchoolAdmin => "Администрация школы",
            Role::Observer => "Наблюдатель",
        }
    }

    /// Whether a user of this role must belong to a municipality.
    pub fn needs_municipality(self) -> bool {
        !matches!(self, Role::Admin | Role::Observer)
    }

    /// Whether a user of this role must belong to a school.
    pub fn needs_school(self) -> bool {
        matches!(self, Role::Teacher | Role::SchoolAdmin)
    }

    /// Which roles a user of this role may give to users they create or edit.
    pub fn can_assign(self, target: Role) -> bool {
        match self {
            Role::Admin => true,
            Role::Coordinator => target != Role::Admin,
            _ => false,
        }
    }
}

/// What is acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    Region,
    Municipality,
    School,
    Subject,
    AcademicYear,
    User,
    Audit,
    Stats,
    /// The tutor community's composition: orders, members, attachments.
    Composition,
    /// Schools' nominations of teachers to the composition.
    Nomination,
    /// Requests (заявки) to the consultation point.
    Request,
    /// Sessions of the consultation point and their logs.
    Session,
    /// Consultation points (000 §6.1–6.5).
    ConsultationPoint,
    /// Deficit diagnostics: the framework, campaigns and results.
    Diagnostics,
    /// Individual educational trajectories (ИОМ).
    Trajectory,
    /// Expert reviews of documents (000 §5.4).
    Review,
    /// Results of assessment procedures, their calendar and scales (000 §8.4).
    Results,
    /// The effectiveness review and the effect analytics (plan item 15).
    Effectiveness,
    /// The methodological library (000 §7.2–7.3): which published materials one sees
    /// follows each material's visibility; drafts are their author's and the moderator's.
    Library,
    /// Meetings, their protocols and поручения (issue 12 §3, seed 002).
    Meeting,
}

impl Resource {
    pub const ALL: [Resource; 20] = [
        Resource::Region,
        Resource::Municipality,
        Resource::School,
        Resource::Subject,
        Resource::AcademicYear,
        Resource::User,
        Resource::Audit,
        Resource::Stats,
        Resource::Composition,
        Resource::Nomination,
        Resource::Request,
        Resource::Session,
        Resource::ConsultationPoint,
        Resource::Diagnostics,
        Resource::Trajectory,
        Resource::Review,
        Resource::Results,
        Resource::Effectiveness,
        Resource::Library,
        Resource::Meeting,
    ];

    pub fn label_ru(self) -> &'static str {
        match self {
            Resource::Region => "Регионы",
            Resource::Municipality => "Муниципалитеты",
            Resource::School => "Школы",
            Resource::Subject => "Предметы",
            Resource::AcademicYear => "Учебные годы",
            Resource::User => "Пользователи",
            Resource::Audit => "Журнал изменений",
            Resource::Stats => "Сводка",
            Resource::Composition => "Состав сообщества",
            Resource::Nomination => "Выдвижение в тьюторы",
            Resource::Request => "Заявки",
            Resource::Session => "Занятия и консультации",
            Resource::ConsultationPoint => "Консультационные пункты",
            Resource::Diagnostics => "Диагностика дефицитов",
            Resource::Trajectory => "Индивидуальные маршруты (ИОМ)",
            Resource::Review => "Экспертиза документов",
            Resource::Results => "Результаты оценочных процедур",
            Resource::Effectiveness => "Эффективность работы сообщества",
            Resource::Library => "Методическая библиотека",
            Resource::Meeting => "Совещания и протоколы",
        }
    }
}

/// What is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Read,
    Create,
    Update,
    Archive,
}

impl Action {
    pub const ALL: [Action; 4] = [
        Action::Read,
        Action::Create,
        Action::Update,
        Action::Archive,
    ];

    pub fn label_ru(self) -> &'static str {
        match self {
            Action::Read => "чтение",
            Action::Create => "создание",
            Action::Update => "изменение",
            Action::Archive => "архивирование",
        }
    }
}

/// How far a permission reaches, from the user's own place in the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Only the user's own record.
    Own,
    /// The user's school.
    School,
    /// The user's municipality.
    Municipality,
    /// The user's whole region.
    Region,
}

impl Scope {
    pub fn label_ru(self) -> &'static str {
        match self {
            Scope::Own => "свои",
            Scope::School => "своя школа",
            Scope::Municipality => "свой муниципалитет",
            Scope::Region => "весь регион",
        }
    }
}

crate::labelled_enum!(
    /// How a user is tied to one record: what «свои» (`Scope::Own`) means for a resource.
    /// Each noun's policy says once how a record holds each of its relations.
    Relation {
        /// A user's own account.
        SelfUser = "self" => "своя учётная запись",
        /// The teacher (or school) who filed a request.
        Requester = "requester" => "автор заявки",
        /// The tutor a request is assigned to.
        AssignedTutor = "assigned_tutor" => "назначенный тьютор заявки",
        /// A tutor who holds a session.
        SessionTutor = "session_tutor" => "тьютор занятия",
        /// The person whose diagnostic results or trajectory it is.
        Learner = "learner" => "сам педагог (руководитель)",
        /// The tutor or mentor leading a trajectory.
        Mentor = "mentor" => "тьютор (наставник) маршрута",
        /// The teacher who submitted a document for review.
        ReviewAuthor = "review_author" => "автор документа на экспертизе",
        /// The expert assigned to a review.
        ReviewExpert = "review_expert" => "эксперт документа",
        /// The one who created a library material.
        LibraryAuthor = "library_author" => "автор материала библиотеки",
        /// A person invited to a meeting.
        Invitee = "invitee" => "приглашённый на совещание",
        /// The owner of a поручение given at a meeting.
        DecisionOwner = "decision_owner" => "ответственный за поручение",
    }
);

impl Resource {
    /// The relations that make a record of this resource one's own («свои»).
    pub fn relations(self) -> &'static [Relation] {
        match self {
            Resource::User => &[Relation::SelfUser],
            Resource::Request => &[Relation::Requester, Relation::AssignedTutor],
            Resource::Session => &[Relation::SessionTutor],
            Resource::Diagnostics => &[Relation::Learner],
            Resource::Trajectory => &[Relation::Learner, Relation::Mentor],
            Resource::Review => &[Relation::ReviewAuthor, Relation::ReviewExpert],
            Resource::Library => &[Relation::LibraryAuthor],
            Resource::Meeting => &[Relation::Invitee, Relation::DecisionOwner],
            _ => &[],
        }
    }
}

/// The permission matrix: `None` means forbidden.
pub fn scope(role: Role, resource: Resource, action: Action) -> Option<Scope> {
    use Action::*;
    use Resource::*;
    use Scope as S;
    let dictionary = matches!(resource, Region | Municipality | Subject | AcademicYear);
    match role {
        Role::Admin => Some(S::Region),
        _ if dictionary => (action == Read).then_some(S::Region),
        // Published materials may be visible region-wide (each material's visibility
        // narrows it); authors write their own, the coordinator moderates.
        _ if resource == Library && action == Read => Some(S::Region),
        Role::Tutor | Role::Teacher | Role::SchoolAdmin
            if resource == Library && matches!(action, Create | Update) =>
        {
            Some(S::Own)
        }
        // Everyone in a municipality sees who its tutors are and what sessions it offers.
        _ if matches!(resource, Composition | Session | ConsultationPoint) && action == Read => {
            Some(S::Municipality)
        }
        Role::Coordinator => Some(S::Municipality),
        Role::Tutor => match (resource, action) {
            (School | Stats | Diagnostics | Results, Read) => Some(S::Municipality),
            // Trajectories the tutor leads (and builds).
            (Trajectory, Read | Create | Update) => Some(S::Own),
            (User, Read) => Some(S::Own),
            // Requests assigned to the tutor; sessions the tutor holds.
            (Request, Read | Update) => Some(S::Own),
            (Session, Create | Update | Archive) => Some(S::Own),
            // Reviews the tutor is the expert of.
            (Review, Read | Update) => Some(S::Own),
            // Meetings the tutor is invited to; marking their own поручения done.
            (Meeting, Read | Update) => Some(S::Own),
            _ => None,
        },
        Role::Teacher => match (resource, action) {
            (School | Stats | Results, Read) => Some(S::School),
            (User, Read) => Some(S::Own),
            // Requests the teacher filed.
            (Request, Read | Create | Update) => Some(S::Own),
            // The teacher's own results and trajectory (agreeing, marking steps done).
            (Diagnostics, Read) | (Trajectory, Read | Update) => Some(S::Own),
            // Documents the teacher submitted for review.
            (Review, Read | Create | Update) => Some(S::Own),
            // Meetings the teacher is invited to; their own поручения.
            (Meeting, Read | Update) => Some(S::Own),
            _ => None,
        },
        Role::SchoolAdmin => match (resource, action) {
            (School, Read | Update) | (Stats | User | Results, Read) => Some(S::School),
            (Nomination, Read | Create) => Some(S::School),
            (Request, Read | Create | Update) => Some(S::School),
            (Diagnostics | Trajectory, Read) => Some(S::School),
            (Trajectory, Update) => Some(S::Own),
            (Review, Read | Create | Update) => Some(S::School),
            (Meeting, Read | Update) => Some(S::Own),
            _ => None,
        },
        Role::Observer => match (resource, action) {
            (
                School | Stats | Request | Review | Diagnostics | Trajectory | Results
                | Effectiveness | Meeting,
                Read,
            ) => Some(S::Municipality),
            _ => None,
        },
    }
}

/// Every role a user holds: the main role, and the tutor role when the user is an
/// approved member of the current composition of their municipality (a teacher, deputy
/// head or methodologist who is a tutor, 000 §3.2). Admins, coordinators and observers
/// keep their own role only: theirs already reaches as far.
pub fn held_roles(main: Role, approved_member: bool) -> Vec<Role> {
    let mut v = vec![main];
    if approved_member && matches!(main, Role::Teacher | Role::SchoolAdmin) {
        v.push(Role::Tutor);
    }
    v
}

/// The widest scope any of `roles` has for the resource and action.
pub fn widest(roles: &[Role], resource: Resource, action: Action) -> Option<Scope> {
    roles
        .iter()
        .filter_map(|r| scope(*r, resource, action))
        .max()
}

/// Whether the role may do anything at all with the resource and action.
pub fn allows(role: Role, resource: Resource, action: Action) -> bool {
    scope(role, resource, action).is_some()
}

/// The matrix as a Markdown table (printed into the README).
pub fn matrix_markdown() -> String {
    let mut out = String::from("| ресурс | действие |");
    for r in Role::ALL {
        out.push_str(&format!(" {} |", r.as_str()));
    }
    out.push_str("\n|---|---|");
    for _ in Role::ALL {
        out.push_str("---|");
    }
    for res in Resource::ALL {
        for act in Action::ALL {
            // Read-only views; regions are created with the installation, not via the API.
            let read_only = matches!(res, Resource::Audit | Resource::Stats);
            let fixed = res == Resource::Region && matches!(act, Action::Create | Action::Archive);
            if (read_only && act != Action::Read) || fixed {
                continue;
            }
            out.push_str(&format!("\n| {} | {} |", res.label_ru(), act.label_ru()));
            for r in Role::ALL {
                let cell = scope(r, res, act).map_or("—", Scope::label_ru);
                out.push_str(&format!(" {cell} |"));
            }
        }
    }
    out.push_str("\n\n| ресурс | «свои» — это |\n|---|---|");
    for res in Resource::ALL {
        let rel = res.relations();
        if !rel.is_empty() {
            let names: Vec<&str> = rel.iter().map(|r| r.label_ru()).collect();
            out.push_str(&format!(
                "\n| {} | {} |",
                res.label_ru(),
                names.join(" или ")
            ));
        }
    }
    out.push_str(
        "\n\nУчитель или администратор школы, утверждённый в текущем составе сообщества своего \
         муниципалитета, также имеет роль тьютора: его права — объединение обоих столбцов.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observer_writes_nothing() {
        for res in Resource::ALL {
            for act in [Action::Create, Action::Update, Action::Archive] {
                assert_eq!(scope(Role::Observer, res, act), None, "{res:?} {act:?}");
            }
        }
    }

    #[test]
    fn school_roles_stay_in_school() {
        assert_eq!(
            scope(Role::Teacher, Resource::School, Action::Read),
            Some(Scope::School)
        );
        assert_eq!(
            scope(Role::SchoolAdmin, Resource::School, Action::Update),
            Some(Scope::School)
        );
        assert_eq!(
            scope(Role::SchoolAdmin, Resource::School, Action::Create),
            None
        );
        assert_eq!(scope(Role::Teacher, Resource::User, Action::Create), None);
    }

    #[test]
    fn every_own_scope_names_its_relations() {
        for res in Resource::ALL {
            for act in Action::ALL {
                for role in Role::ALL {
                    if scope(role, res, act) == Some(Scope::Own) {
                        assert!(!res.relations().is_empty(), "{res:?}: «свои» undefined");
                    }
                }
            }
        }
    }

    #[test]
    fn coordinators_cannot_make_admins() {
        assert!(!Role::Coordinator.can_assign(Role::Admin));
        assert!(Role::Coordinator.can_assign(Role::Tutor));
        assert!(!Role::Tutor.can_assign(Role::Teacher));
    }

    #[test]
    fn members_who_teach_are_also_tutors() {
        assert_eq!(
            held_roles(Role::Teacher, true),
            vec![Role::Teacher, Role::Tutor]
        );
        assert_eq!(held_roles(Role::Teacher, false), vec![Role::Teacher]);
        assert_eq!(held_roles(Role::Coordinator, true), vec![Role::Coordinator]);
        let both = held_roles(Role::SchoolAdmin, true);
        assert_eq!(
            widest(&both, Resource::Session, Action::Create),
            Some(Scope::Own)
        );
        assert_eq!(
            widest(&both, Resource::School, Action::Read),
            Some(Scope::Municipality)
        );
    }

    #[test]
    fn role_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            assert!(!r.label_ru().is_empty());
        }
    }
}
