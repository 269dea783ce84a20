-- One database per service; each service migrates its own schema with Flyway at start.
CREATE DATABASE catalog;
CREATE DATABASE loan;
CREATE DATABASE delivery;
CREATE DATABASE gateway;
