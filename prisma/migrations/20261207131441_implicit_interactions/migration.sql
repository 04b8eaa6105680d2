-- Signals beyond ratings (`recordInteraction`): one row per user, film, kind and UTC day.

-- CreateEnum
CREATE TYPE "recommendations"."interaction_kind" AS ENUM ('VIEWED', 'TRAILER_PLAYED', 'WATCHED');

-- CreateTable
CREATE TABLE "recommendations"."implicit_interaction" (
    "user_id" TEXT NOT NULL,
    "movie_id" TEXT NOT NULL,
    "kind" "recommendations"."interaction_kind" NOT NULL,
    "day" DATE NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "implicit_interaction_pkey" PRIMARY KEY ("user_id","movie_id","kind","day")
);

-- CreateIndex
CREATE INDEX "implicit_interaction_user_id_at_idx" ON "recommendations"."implicit_interaction"("user_id", "at" DESC);
