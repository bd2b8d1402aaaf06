using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipar.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ParPublishedYears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "par_agency_years",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    NotApplicable = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Maximum = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: true),
                    SurveyHeld = table.Column<bool>(type: "boolean", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_par_agency_years", x => x.Id);
                    table.ForeignKey(
                        name: "FK_par_agency_years_org_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "org_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "par_years",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Bands = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    SurveyHeld = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_par_years", x => x.Year);
                });

            migrationBuilder.CreateIndex(
                name: "IX_par_agency_years_AgencyId",
                table: "par_agency_years",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_par_agency_years_Year_AgencyId",
                table: "par_agency_years",
                columns: new[] { "Year", "AgencyId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "par_agency_years");

            migrationBuilder.DropTable(
                name: "par_years");
        }
    }
}
