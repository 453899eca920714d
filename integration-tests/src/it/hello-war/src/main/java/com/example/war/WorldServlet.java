package com.example.war;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.commons.lang3.StringUtils;

/** Answers GET /world (mapped in web.xml), with a word from the war's one library jar, so that WEB-INF/lib is checked to load. */
public class WorldServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType("text/plain");
    response.getWriter().print("Hello, " + StringUtils.capitalize("servlet") + "!");
  }
}
