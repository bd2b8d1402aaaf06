using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipar.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Sipas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sipas_opt_outs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sipas_opt_outs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sipas_questionnaires",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    ItemCodes = table.Column<string>(type: "TEXT", maxLength: 5100, nullable: false),
                    PreviousId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sipas_questionnaires", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sipas_waves",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    QuestionnaireId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScopeAgencies = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ScopeProcedures = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Channels = table.Column<int>(type: "INTEGER", maxLength: 40, nullable: false),
                    MarginOfError = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    Stratification = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Allocation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MinPerStratum = table.Column<int>(type: "INTEGER", nullable: false),
                    RecheckShare = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    MinCell = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<long>(type: "INTEGER", nullable: true),
                    SampledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Staff = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sipas_waves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sipas_waves_org_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "org_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sipas_waves_sipas_questionnaires_QuestionnaireId",
                        column: x => x.QuestionnaireId,
                        principalTable: "sipas_questionnaires",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sipas_contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WaveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Stratum = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ProcedureName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ResultOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    ReplacesId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sipas_contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sipas_contacts_sipas_waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "sipas_waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sipas_responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WaveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    QuestionnaireId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Stratum = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Answers = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Profile = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Expectations = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Comments = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EnteredBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Review = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReviewReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Flags = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Recheck = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RecheckNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sipas_responses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sipas_responses_sipas_contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "sipas_contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sipas_responses_sipas_questionnaires_QuestionnaireId",
                        column: x => x.QuestionnaireId,
                        principalTable: "sipas_questionnaires",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sipas_responses_sipas_waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "sipas_waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sipas_contacts_Token",
                table: "sipas_contacts",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sipas_contacts_WaveId_Stratum_Rank",
                table: "sipas_contacts",
                columns: new[] { "WaveId", "Stratum", "Rank" });

            migrationBuilder.CreateIndex(
                name: "IX_sipas_opt_outs_AgencyId_Key",
                table: "sipas_opt_outs",
                columns: new[] { "AgencyId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sipas_questionnaires_Code_Version",
                table: "sipas_questionnaires",
                columns: new[] { "Code", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sipas_responses_ContactId",
                table: "sipas_responses",
                column: "ContactId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sipas_responses_QuestionnaireId",
                table: "sipas_responses",
                column: "QuestionnaireId");

            migrationBuilder.CreateIndex(
                name: "IX_sipas_responses_WaveId_Review",
                table: "sipas_responses",
                columns: new[] { "WaveId", "Review" });

            migrationBuilder.CreateIndex(
                name: "IX_sipas_waves_AgencyId",
                table: "sipas_waves",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_sipas_waves_QuestionnaireId",
                table: "sipas_waves",
                column: "QuestionnaireId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sipas_opt_outs");

            migrationBuilder.DropTable(
                name: "sipas_responses");

            migrationBuilder.DropTable(
                name: "sipas_contacts");

            migrationBuilder.DropTable(
                name: "sipas_waves");

            migrationBuilder.DropTable(
                name: "sipas_questionnaires");
        }
    }
}
