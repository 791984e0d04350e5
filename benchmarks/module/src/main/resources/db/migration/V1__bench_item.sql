CREATE TABLE bench.item (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL);
INSERT INTO bench.item (id, name) VALUES (1, 'porch light');
