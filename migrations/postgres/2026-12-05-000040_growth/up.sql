-- Professional growth (issue 9): the deficit-diagnostics framework (areas and indicators,
-- seeded with 004's three tasks and the Ministry's areas; coordinators add more), the
-- municipality's diagnostic campaigns with a score per person and indicator, and
-- individual trajectories (ИОМ) with their deficits and steps.
CREATE TABLE competency_indicators (
  id TEXT PRIMARY KEY NOT NULL,
  area TEXT NOT NULL,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX competency_indicators_name ON competency_indicators (area, name);

INSERT INTO competency_indicators (id, area, name, position, created_at, updated_at, created_by, updated_by, archived_at, version) VALUES
  ('ind-materials-1', 'materials', 'Разрабатывает дидактические материалы с учётом затруднений обучающихся', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-materials-2', 'materials', 'Адаптирует универсальные учебные материалы к своему классу', 2, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-materials-3', 'materials', 'Составляет технологическую карту урока по ФГОС', 3, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-formative_assessment-1', 'formative_assessment', 'Формулирует критерии оценивания до начала работы', 4, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-formative_assessment-2', 'formative_assessment', 'Организует обратную связь с обучающимися на уроке', 5, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-formative_assessment-3', 'formative_assessment', 'Использует само- и взаимооценивание обучающихся', 6, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-kim-1', 'kim', 'Составляет задания по образцу КИМ ВПР, ОГЭ, ЕГЭ', 7, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-kim-2', 'kim', 'Разрабатывает контрольно-измерительные материалы с кодификатором', 8, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-kim-3', 'kim', 'Анализирует результаты оценочных процедур по заданиям', 9, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-subject-1', 'subject', 'Владеет содержанием предмета в объёме ФОП', 10, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-subject-2', 'subject', 'Решает задания повышенного и высокого уровня сложности', 11, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-methodical-1', 'methodical', 'Планирует результаты урока (предметные, метапредметные, личностные)', 12, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-methodical-2', 'methodical', 'Составляет рабочую программу в конструкторе по ФОП', 13, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-methodical-3', 'methodical', 'Применяет приёмы смыслового чтения на уроке', 14, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-psychological-1', 'psychological', 'Работает с обучающимися с трудностями в обучении', 15, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-psychological-2', 'psychological', 'Учитывает возрастные особенности обучающихся', 16, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-communicative-1', 'communicative', 'Выстраивает взаимодействие с родителями обучающихся', 17, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-communicative-2', 'communicative', 'Представляет опыт коллегам (выступление, открытый урок)', 18, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-digital-1', 'digital', 'Использует ФГИС «Моя школа» и цифровые образовательные ресурсы', 19, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1),
  ('ind-digital-2', 'digital', 'Проводит дистанционные занятия и консультации', 20, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, NULL, NULL, 1);

CREATE TABLE diagnostic_campaigns (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
  title TEXT NOT NULL,
  held_on DATE NOT NULL,
  method TEXT NOT NULL,
  respondents TEXT NOT NULL,
  threshold INTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX diagnostic_campaigns_place ON diagnostic_campaigns (municipality_id, held_on);

-- One score per person and indicator in a campaign: a re-import replaces the person's rows.
CREATE TABLE diagnostic_results (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES diagnostic_campaigns(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  indicator_id TEXT NOT NULL REFERENCES competency_indicators(id),
  score INTEGER NOT NULL,
  young BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE UNIQUE INDEX diagnostic_results_slot ON diagnostic_results (campaign_id, user_id, indicator_id);
CREATE INDEX diagnostic_results_user ON diagnostic_results (user_id);

CREATE TABLE trajectories (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  school_id TEXT REFERENCES schools(id),
  academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
  mentor_user_id TEXT NOT NULL REFERENCES users(id),
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  learner_agreed BOOLEAN NOT NULL DEFAULT FALSE,
  mentor_agreed BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX trajectories_user ON trajectories (user_id);
CREATE INDEX trajectories_place ON trajectories (municipality_id, school_id);

CREATE TABLE trajectory_deficits (
  trajectory_id TEXT NOT NULL REFERENCES trajectories(id),
  indicator_id TEXT NOT NULL REFERENCES competency_indicators(id),
  task TEXT NOT NULL,
  score_before INTEGER,
  PRIMARY KEY (trajectory_id, indicator_id)
);

CREATE TABLE trajectory_steps (
  id TEXT PRIMARY KEY NOT NULL,
  trajectory_id TEXT NOT NULL REFERENCES trajectories(id),
  position INTEGER NOT NULL,
  indicator_id TEXT REFERENCES competency_indicators(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  deadline DATE NOT NULL,
  expected_product TEXT NOT NULL,
  done_on DATE,
  evidence_kind TEXT,
  evidence_ref TEXT,
  evidence_label TEXT
);
CREATE INDEX trajectory_steps_trajectory ON trajectory_steps (trajectory_id, position);
