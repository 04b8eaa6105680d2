-- AlterTable
ALTER TABLE "recommendations"."item_feature" ADD COLUMN     "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "people" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "title" TEXT;

-- CreateTable
CREATE TABLE "recommendations"."model_snapshot" (
    "version" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "metadata" JSONB NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "model_snapshot_pkey" PRIMARY KEY ("version")
);

-- CreateIndex
CREATE INDEX "interaction_at_idx" ON "recommendations"."interaction"("at");
