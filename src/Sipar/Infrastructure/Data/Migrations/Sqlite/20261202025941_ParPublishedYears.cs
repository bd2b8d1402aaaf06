using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipar.Infrastructure.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NotApplicable = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Maximum = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    SurveyHeld = table.Column<bool>(type: "INTEGER", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Bands = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    SurveyHeld = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
