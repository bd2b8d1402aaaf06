using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipar.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ParResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "par_results",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CriterionCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Points = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_par_results", x => x.Id);
                    table.ForeignKey(
                        name: "FK_par_results_org_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "org_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_par_results_AgencyId",
                table: "par_results",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_par_results_Year_AgencyId_CriterionCode",
                table: "par_results",
                columns: new[] { "Year", "AgencyId", "CriterionCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "par_results");
        }
    }
}
