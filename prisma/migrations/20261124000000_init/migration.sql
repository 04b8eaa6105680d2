-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "movies";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "people";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "recommendations";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "reviews";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "users";

-- CreateEnum
CREATE TYPE "people"."credit_role" AS ENUM ('ACTOR', 'DIRECTOR', 'WRITER', 'PRODUCER', 'COMPOSER', 'CINEMATOGRAPHER', 'EDITOR', 'OTHER');

-- CreateEnum
CREATE TYPE "users"."user_role" AS ENUM ('USER', 'ADMIN');

-- CreateTable
CREATE TABLE "movies"."movie" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'movie',
    "title" TEXT NOT NULL,
    "original_title" TEXT,
    "year" INTEGER,
    "runtime_minutes" INTEGER,
    "genres" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "imdb_id" TEXT,
    "tmdb_id" TEXT,
    "movielens_id" TEXT,
    "popularity" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "movie_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "people"."person" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "birth_year" INTEGER,
    "death_year" INTEGER,
    "professions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "imdb_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "people"."credit" (
    "id" TEXT NOT NULL,
    "movie_id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "role" "people"."credit_role" NOT NULL,
    "characters" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "billing_order" INTEGER,

    CONSTRAINT "credit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users"."user" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT,
    "role" "users"."user_role" NOT NULL DEFAULT 'USER',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reviews"."rating" (
    "user_id" TEXT NOT NULL,
    "movie_id" TEXT NOT NULL,
    "rating" REAL NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rating_pkey" PRIMARY KEY ("user_id","movie_id")
);

-- CreateTable
CREATE TABLE "recommendations"."item_feature" (
    "movie_id" TEXT NOT NULL,
    "genres" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "year" INTEGER,
    "popularity" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "item_feature_pkey" PRIMARY KEY ("movie_id")
);

-- CreateTable
CREATE TABLE "recommendations"."interaction" (
    "user_id" TEXT NOT NULL,
    "movie_id" TEXT NOT NULL,
    "rating" REAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "interaction_pkey" PRIMARY KEY ("user_id","movie_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "movie_imdb_id_key" ON "movies"."movie"("imdb_id");

-- CreateIndex
CREATE UNIQUE INDEX "movie_tmdb_id_key" ON "movies"."movie"("tmdb_id");

-- CreateIndex
CREATE UNIQUE INDEX "movie_movielens_id_key" ON "movies"."movie"("movielens_id");

-- CreateIndex
CREATE INDEX "movie_year_idx" ON "movies"."movie"("year");

-- CreateIndex
CREATE INDEX "movie_popularity_idx" ON "movies"."movie"("popularity");

-- CreateIndex
CREATE UNIQUE INDEX "person_imdb_id_key" ON "people"."person"("imdb_id");

-- CreateIndex
CREATE INDEX "credit_person_id_idx" ON "people"."credit"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "credit_movie_id_person_id_role_key" ON "people"."credit"("movie_id", "person_id", "role");

-- CreateIndex
CREATE UNIQUE INDEX "user_username_key" ON "users"."user"("username");

-- CreateIndex
CREATE INDEX "rating_movie_id_idx" ON "reviews"."rating"("movie_id");

-- CreateIndex
CREATE INDEX "interaction_movie_id_idx" ON "recommendations"."interaction"("movie_id");

-- AddForeignKey
ALTER TABLE "people"."credit" ADD CONSTRAINT "credit_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"."person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

