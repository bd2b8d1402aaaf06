using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipar.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Dossiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "org_agencies",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hotline",
                table: "org_agencies",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "dossiers_procedures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SearchName = table.Column<string>(type: "character varying(1232)", maxLength: 1232, nullable: false),
                    Field = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    TimeLimit = table.Column<int>(type: "integer", nullable: false),
                    TimeLimitUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Cutoff = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    Documents = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Fee = table.Column<long>(type: "bigint", nullable: false),
                    OnlineLevel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossiers_procedures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dossiers_procedures_org_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "org_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_dossiers_procedures_org_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "dossiers_dossiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LookupSecret = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcedureCode = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ProcedureName = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Field = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TimeLimit = table.Column<int>(type: "integer", nullable: false),
                    TimeLimitUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Cutoff = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    RequiredDocuments = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Fee = table.Column<long>(type: "bigint", nullable: false),
                    OnlineLevel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ApplicantName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SearchText = table.Column<string>(type: "character varying(272)", maxLength: 272, nullable: false),
                    ApplicantPhone = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ApplicantEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ApplicantAddress = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    FormSet = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DocumentsReceived = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AppointmentDate = table.Column<DateOnly>(type: "date", nullable: true),
                    OriginalAppointmentDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SupplementCount = table.Column<int>(type: "integer", nullable: false),
                    SupplementMissing = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SupplementRequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SupplementOverrideReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PausedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RefusalReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StopReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    OfficerId = table.Column<Guid>(type: "uuid", nullable: true),
                    StepDue = table.Column<DateOnly>(type: "date", nullable: true),
                    ApologyReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ApologyNewDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ApologyRequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApologyIssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ApologyOnTime = table.Column<bool>(type: "boolean", nullable: true),
                    FinishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReturnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Delivery = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ComplainedAbout = table.Column<bool>(type: "boolean", nullable: false),
                    RatingOverall = table.Column<int>(type: "integer", nullable: true),
                    RatingOnTime = table.Column<bool>(type: "boolean", nullable: true),
                    RatingTrips = table.Column<int>(type: "integer", nullable: true),
                    RatingAttitude = table.Column<int>(type: "integer", nullable: true),
                    RatingClarity = table.Column<int>(type: "integer", nullable: true),
                    RatingComment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossiers_dossiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dossiers_dossiers_dossiers_procedures_ProcedureId",
                        column: x => x.ProcedureId,
                        principalTable: "dossiers_procedures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_dossiers_dossiers_org_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "org_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dossiers_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<Guid>(type: "uuid", nullable: true),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    Due = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossiers_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dossiers_steps_dossiers_dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "dossiers_dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_dossiers_AgencyId_FinishedOn",
                table: "dossiers_dossiers",
                columns: new[] { "AgencyId", "FinishedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_dossiers_AgencyId_ReceivedAt",
                table: "dossiers_dossiers",
                columns: new[] { "AgencyId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_dossiers_AgencyId_Status",
                table: "dossiers_dossiers",
                columns: new[] { "AgencyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_dossiers_Code",
                table: "dossiers_dossiers",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_dossiers_ProcedureId",
                table: "dossiers_dossiers",
                column: "ProcedureId");

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_procedures_AgencyId_Code",
                table: "dossiers_procedures",
                columns: new[] { "AgencyId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_procedures_UnitId",
                table: "dossiers_procedures",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_steps_DossierId_Order",
                table: "dossiers_steps",
                columns: new[] { "DossierId", "Order" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dossiers_steps");

            migrationBuilder.DropTable(
                name: "dossiers_dossiers");

            migrationBuilder.DropTable(
                name: "dossiers_procedures");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "org_agencies");

            migrationBuilder.DropColumn(
                name: "Hotline",
                table: "org_agencies");
        }
    }
}
