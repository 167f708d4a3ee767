using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Attendance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Attendance",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<string>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ShiftCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CheckedInAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckIn = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    CheckedOutAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckOut = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attendance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Attendance_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Attendance_PersonId_Date_ShiftCode",
                table: "Attendance",
                columns: new[] { "PersonId", "Date", "ShiftCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Attendance");
        }
    }
}
