-- The municipality's name in the prepositional case, as orders write it after «в»:
-- «Лабинском районе» (title: «Состав муниципального сообщества тьюторов в Лабинском районе»).
ALTER TABLE municipalities ADD COLUMN name_prepositional TEXT;
