package com.example.load.two;

import com.example.load.shared.Server;

public class App {
  public static void main(String[] args) throws Exception {
    Server.serve("app-two");
  }
}
