using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipar.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ParAssessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PreviousFrameworkId",
                table: "par_frameworks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousCodes",
                table: "par_framework_items",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "par_framework_items",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "par_campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SelfAssessmentDue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AppraisalDue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExplanationDue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Bands = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SurveyHeld = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_par_campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "par_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FrameworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Difficulties = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Proposals = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExplanationRequestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinalisedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_par_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_par_assessments_org_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "org_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_par_assessments_par_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "par_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_par_assessments_par_frameworks_FrameworkId",
                        column: x => x.FrameworkId,
                        principalTable: "par_frameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "par_scores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MaxPoints = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SelfPoints = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Snapshot = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: true),
                    AppraisedPoints = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    AppraisalReason = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    ExplanationRequest = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    ExplanationAnswer = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_par_scores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_par_scores_org_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_par_scores_par_assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "par_assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_par_scores_par_framework_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "par_framework_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "par_evidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScoreId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    LinkId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_par_evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_par_evidence_par_scores_ScoreId",
                        column: x => x.ScoreId,
                        principalTable: "par_scores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_par_frameworks_PreviousFrameworkId",
                table: "par_frameworks",
                column: "PreviousFrameworkId");

            migrationBuilder.CreateIndex(
                name: "IX_par_assessments_AgencyId",
                table: "par_assessments",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_par_assessments_CampaignId_AgencyId",
                table: "par_assessments",
                columns: new[] { "CampaignId", "AgencyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_par_assessments_FrameworkId",
                table: "par_assessments",
                column: "FrameworkId");

            migrationBuilder.CreateIndex(
                name: "IX_par_campaigns_Year",
                table: "par_campaigns",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_par_evidence_ScoreId",
                table: "par_evidence",
                column: "ScoreId");

            migrationBuilder.CreateIndex(
                name: "IX_par_scores_AssessmentId_Code",
                table: "par_scores",
                columns: new[] { "AssessmentId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_par_scores_ItemId",
                table: "par_scores",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_par_scores_UnitId",
                table: "par_scores",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "par_evidence");

            migrationBuilder.DropTable(
                name: "par_scores");

            migrationBuilder.DropTable(
                name: "par_assessments");

            migrationBuilder.DropTable(
                name: "par_campaigns");

            migrationBuilder.DropIndex(
                name: "IX_par_frameworks_PreviousFrameworkId",
                table: "par_frameworks");

            migrationBuilder.DropColumn(
                name: "PreviousFrameworkId",
                table: "par_frameworks");

            migrationBuilder.DropColumn(
                name: "PreviousCodes",
                table: "par_framework_items");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "par_framework_items");
        }
    }
}
